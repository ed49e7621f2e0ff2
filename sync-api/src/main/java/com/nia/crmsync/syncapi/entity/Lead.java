package com.nia.crmsync.syncapi.entity;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A lead as NIA knows it: the NIA side of the lead sync. */
@Entity
@Table(name = "lead")
public class Lead extends NiaRecordEntity {

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String email;
    public String phone;
    public String company;
    public String title;

    @Column(nullable = false)
    public String status = "new";

    @Column(name = "owner_email")
    public String ownerEmail;

    public BigDecimal budget;

    @Column(name = "budget_discussed", nullable = false)
    public boolean budgetDiscussed;

    @Column(name = "decision_maker_identified", nullable = false)
    public boolean decisionMakerIdentified;

    public String timeline;

    @Column(name = "meeting_type")
    public String meetingType;

    @Column(name = "meeting_date")
    public Instant meetingDate;

    public String notes;
}
