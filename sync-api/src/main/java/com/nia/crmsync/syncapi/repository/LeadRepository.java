package com.nia.crmsync.syncapi.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import com.nia.crmsync.syncapi.entity.Lead;

/** Leads. */
@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<Lead, UUID> {
}
