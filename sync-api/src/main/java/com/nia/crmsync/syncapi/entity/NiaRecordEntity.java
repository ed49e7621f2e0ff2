package com.nia.crmsync.syncapi.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * What every NIA-side record has: its id, its times, a soft delete that keeps the row (a delete propagates
 * as a command), and a version that counts every change (results carry it back, so an older result
 * never overwrites newer data).
 */
@MappedSuperclass
public abstract class NiaRecordEntity {

    @Id
    public UUID id;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(nullable = false)
    public boolean deleted;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Counts every change; also Hibernate's optimistic lock, so two concurrent edits cannot both win silently. */
    @Version
    @Column(nullable = false)
    public long version;

    /** The record's id. */
    public UUID id() {
        return id;
    }

    /** Soft-deletes the record, or takes the soft delete back, stamping the times; whether anything changed. */
    public boolean markDeleted(boolean value) {
        if (deleted == value) {
            return false;
        }
        deleted = value;
        updatedAt = Instant.now();
        deletedAt = value ? updatedAt : null;
        return true;
    }
}
