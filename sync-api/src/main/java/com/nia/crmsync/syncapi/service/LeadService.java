package com.nia.crmsync.syncapi.service;

import java.time.Instant;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.records.NiaRecordKinds;

/** The NIA-side lead store (see {@link NiaRecordStore}); leads are listed by email and status. */
@ApplicationScoped
public class LeadService extends NiaRecordStore<Lead, LeadInput> {

    public LeadService(NiaRecordKinds kinds, IdempotencyKeys keys, SyncPlanner planner) {
        super(kinds.leads(), keys, planner, LeadService::apply);
    }

    // package-private: the fixture loader fills records the same way
    static void apply(Lead lead, LeadInput in) {
        lead.firstName = in.firstName();
        lead.lastName = in.lastName();
        lead.email = in.email();
        lead.phone = in.phone();
        lead.company = in.company();
        lead.title = in.title();
        lead.status = Objects.requireNonNullElse(in.status(), "new");
        lead.ownerEmail = in.ownerEmail();
        lead.budget = in.budget();
        lead.budgetDiscussed = Boolean.TRUE.equals(in.budgetDiscussed());
        lead.decisionMakerIdentified = Boolean.TRUE.equals(in.decisionMakerIdentified());
        lead.timeline = in.timeline();
        lead.meetingType = in.meetingType();
        lead.meetingDate = in.meetingDate();
        lead.notes = in.notes();
        lead.updatedAt = Instant.now();
    }
}
