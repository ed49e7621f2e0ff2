package com.nia.crmsync.syncapi.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A contact as NIA knows it: the NIA side of the contact sync. */
@Entity
@Table(name = "contact")
public class Contact extends NiaRecordEntity {

    @Column(name = "full_name", nullable = false)
    public String fullName;

    public String email;
    public String phone;

    @Column(name = "job_title")
    public String jobTitle;

    public String company;
}
