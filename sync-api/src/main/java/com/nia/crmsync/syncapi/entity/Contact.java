package com.nia.crmsync.syncapi.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A contact as NIA knows it: the NIA side of the contact sync. */
@Entity
@Table(name = "contact")
public class Contact {

    @Id
    public UUID id;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    public String email;
    public String phone;

    @Column(name = "job_title")
    public String jobTitle;

    public String company;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(nullable = false)
    public boolean deleted;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Counts every change; also Hibernate's optimistic lock. */
    @Version
    @Column(nullable = false)
    public long version;
}
