package com.nia.crmsync.syncapi.records;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.repository.LeadRepository;

/** Leads by canonical field ({@code first_name}, {@code email}, {@code status}, {@code budget}, ...). */
@ApplicationScoped
public class LeadRecords implements RecordAccess {

    private final LeadRepository leads;

    public LeadRecords(LeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public EntityType type() {
        return EntityType.LEAD;
    }

    @Override
    public Optional<NiaRecord> load(UUID id) {
        return Optional.ofNullable(leads.findById(id)).map(LeadRecords::record);
    }

    @Override
    public Optional<NiaRecord> lock(UUID id) {
        return Optional.ofNullable(leads.findById(id, LockModeType.PESSIMISTIC_WRITE)).map(LeadRecords::record);
    }

    @Override
    public NiaRecord update(UUID id, Map<String, Object> values) {
        Lead lead = leads.findById(id);
        if (lead == null) {
            throw new IllegalArgumentException("No lead " + id);
        }
        values.forEach((field, value) -> set(lead, field, value));
        lead.updatedAt = Instant.now();
        leads.flush();
        return record(lead);
    }

    @Override
    public NiaRecord setDeleted(UUID id, boolean deleted) {
        Lead lead = leads.findById(id);
        if (lead == null) {
            throw new IllegalArgumentException("No lead " + id);
        }
        if (lead.markDeleted(deleted)) {
            leads.flush();
        }
        return record(lead);
    }

    @Override
    public NiaRecord create(Map<String, Object> values) {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        values.forEach((field, value) -> set(lead, field, value));
        lead.createdAt = Instant.now();
        lead.updatedAt = lead.createdAt;
        leads.persist(lead);
        leads.flush();
        return record(lead);
    }

    static NiaRecord record(Lead lead) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", lead.firstName);
        f.put("last_name", lead.lastName);
        f.put("email", lead.email);
        f.put("phone", lead.phone);
        f.put("company", lead.company);
        f.put("title", lead.title);
        f.put("status", lead.status);
        f.put("owner_email", lead.ownerEmail);
        f.put("budget", lead.budget);
        f.put("budget_discussed", lead.budgetDiscussed);
        f.put("decision_maker_identified", lead.decisionMakerIdentified);
        f.put("timeline", lead.timeline);
        f.put("meeting_type", lead.meetingType);
        f.put("meeting_date", lead.meetingDate);
        f.put("notes", lead.notes);
        return new NiaRecord(lead.id, f, lead.updatedAt, lead.version, lead.deleted);
    }

    private static void set(Lead lead, String field, Object raw) {
        Object v = CanonicalValues.canonical(raw);
        switch (field) {
            case "first_name" -> lead.firstName = text(v);
            case "last_name" -> lead.lastName = text(v);
            case "email" -> lead.email = text(v);
            case "phone" -> lead.phone = text(v);
            case "company" -> lead.company = text(v);
            case "title" -> lead.title = text(v);
            // status is NOT NULL: a cleared Creatio status leaves NIA's as it is
            case "status" -> lead.status = v == null ? lead.status : text(v);
            case "owner_email" -> lead.ownerEmail = text(v);
            case "budget" -> lead.budget = v == null ? null : new BigDecimal(CanonicalValues.asText(v));
            case "budget_discussed" -> lead.budgetDiscussed = Boolean.TRUE.equals(v);
            case "decision_maker_identified" -> lead.decisionMakerIdentified = Boolean.TRUE.equals(v);
            case "timeline" -> lead.timeline = text(v);
            case "meeting_type" -> lead.meetingType = text(v);
            case "meeting_date" -> lead.meetingDate = v instanceof Instant i ? i : null;
            case "notes" -> lead.notes = text(v);
            default -> {
                // a field the lead does not have (a newer mapping): nothing to write
            }
        }
    }

    static String text(Object canonical) {
        return CanonicalValues.asText(canonical);
    }
}
