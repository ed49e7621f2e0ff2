package com.nia.crmsync.syncapi.entity;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A contact as NIA knows it: the NIA side of the contact sync. */
@Entity
@Table(name = "contact")
public class Contact extends NiaRecordEntity {

    @Id
    public UUID id;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    public String email;
    public String phone;

    @Column(name = "job_title")
    public String jobTitle;

    public String company;
}
