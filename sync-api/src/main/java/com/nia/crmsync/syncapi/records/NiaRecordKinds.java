package com.nia.crmsync.syncapi.records;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.syncapi.entity.Contact;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.repository.ContactRepository;
import com.nia.crmsync.syncapi.repository.LeadRepository;

/**
 * The record types NIA mirrors from Creatio, leads and contacts, described once: their canonical
 * fields ({@code first_name}, {@code email}, {@code status}, {@code budget}, ... for a lead;
 * {@code full_name}, {@code email}, {@code phone}, {@code job_title}, {@code company} for a contact).
 * The edit store and the sync's {@link RecordAccess} of each type are built on these descriptions.
 */
@ApplicationScoped
public class NiaRecordKinds {

    private final RecordKind<Lead> leads;
    private final RecordKind<Contact> contacts;

    public NiaRecordKinds(LeadRepository leadRepository, ContactRepository contactRepository) {
        this.leads = new RecordKind<>(EntityType.LEAD, leadRepository, Lead::new, List.of(
                CanonicalField.text("first_name", l -> l.firstName, (l, v) -> l.firstName = v),
                CanonicalField.text("last_name", l -> l.lastName, (l, v) -> l.lastName = v),
                CanonicalField.text("email", l -> l.email, (l, v) -> l.email = v),
                CanonicalField.text("phone", l -> l.phone, (l, v) -> l.phone = v),
                CanonicalField.text("company", l -> l.company, (l, v) -> l.company = v),
                CanonicalField.text("title", l -> l.title, (l, v) -> l.title = v),
                CanonicalField.requiredText("status", l -> l.status, (l, v) -> l.status = v),
                CanonicalField.text("owner_email", l -> l.ownerEmail, (l, v) -> l.ownerEmail = v),
                new CanonicalField<>("budget", l -> l.budget,
                        (l, v) -> l.budget = v == null ? null : new BigDecimal(CanonicalValues.asText(v))),
                CanonicalField.flag("budget_discussed", l -> l.budgetDiscussed, (l, v) -> l.budgetDiscussed = v),
                CanonicalField.flag("decision_maker_identified", l -> l.decisionMakerIdentified,
                        (l, v) -> l.decisionMakerIdentified = v),
                CanonicalField.text("timeline", l -> l.timeline, (l, v) -> l.timeline = v),
                CanonicalField.text("meeting_type", l -> l.meetingType, (l, v) -> l.meetingType = v),
                new CanonicalField<>("meeting_date", l -> l.meetingDate, (l, v) -> l.meetingDate = v instanceof Instant i ? i : null),
                CanonicalField.text("notes", l -> l.notes, (l, v) -> l.notes = v)),
                lead -> {
                    // status has a default; nothing else is NOT NULL
                });
        this.contacts = new RecordKind<>(EntityType.CONTACT, contactRepository, Contact::new, List.of(
                CanonicalField.requiredText("full_name", c -> c.fullName, (c, v) -> c.fullName = v),
                CanonicalField.text("email", c -> c.email, (c, v) -> c.email = v),
                CanonicalField.text("phone", c -> c.phone, (c, v) -> c.phone = v),
                CanonicalField.text("job_title", c -> c.jobTitle, (c, v) -> c.jobTitle = v),
                CanonicalField.text("company", c -> c.company, (c, v) -> c.company = v)),
                contact -> {
                    if (contact.fullName == null) {
                        // full_name is NOT NULL: a Creatio contact without a name is named by its email until someone edits it
                        contact.fullName = contact.email != null ? contact.email : "(no name)";
                    }
                });
    }

    /** Leads. */
    public RecordKind<Lead> leads() {
        return leads;
    }

    /** Contacts. */
    public RecordKind<Contact> contacts() {
        return contacts;
    }

    @Produces
    @Singleton
    RecordAccess leadRecords() {
        return new NiaRecords<>(leads);
    }

    @Produces
    @Singleton
    RecordAccess contactRecords() {
        return new NiaRecords<>(contacts);
    }
}
