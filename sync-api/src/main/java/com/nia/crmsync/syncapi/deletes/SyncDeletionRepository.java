package com.nia.crmsync.syncapi.deletes;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Deletions found or made, with their tombstones. */
@ApplicationScoped
public class SyncDeletionRepository implements PanacheRepositoryBase<SyncDeletion, UUID> {
}
