package com.nia.crmsync.syncapi.records;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import com.nia.crmsync.syncapi.deletes.Deletions;

/** Deletions found or made, with their tombstones. */
@ApplicationScoped
public class SyncDeletionRepository implements PanacheRepositoryBase<SyncDeletion, UUID> {
}
