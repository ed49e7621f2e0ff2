package com.nia.crmsync.syncapi.records;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.syncapi.entity.Contact;
import com.nia.crmsync.syncapi.repository.ContactRepository;

/** Contacts by canonical field ({@code full_name}, {@code email}, {@code phone}, {@code job_title}, {@code company}). */
@ApplicationScoped
public class ContactRecords implements RecordAccess {

    private final ContactRepository contacts;

    public ContactRecords(ContactRepository contacts) {
        this.contacts = contacts;
    }

    @Override
    public EntityType type() {
        return EntityType.CONTACT;
    }

    @Override
    public Optional<NiaRecord> load(UUID id) {
        return Optional.ofNullable(contacts.findById(id)).map(ContactRecords::record);
    }

    @Override
    public Optional<NiaRecord> lock(UUID id) {
        return Optional.ofNullable(contacts.findById(id, LockModeType.PESSIMISTIC_WRITE)).map(ContactRecords::record);
    }

    @Override
    public NiaRecord update(UUID id, Map<String, Object> values) {
        Contact contact = contacts.findById(id);
        if (contact == null) {
            throw new IllegalArgumentException("No contact " + id);
        }
        set(contact, values);
        contact.updatedAt = Instant.now();
        contacts.flush();
        return record(contact);
    }

    @Override
    public NiaRecord setDeleted(UUID id, boolean deleted) {
        Contact contact = contacts.findById(id);
        if (contact == null) {
            throw new IllegalArgumentException("No contact " + id);
        }
        if (contact.markDeleted(deleted)) {
            contacts.flush();
        }
        return record(contact);
    }

    @Override
    public NiaRecord create(Map<String, Object> values) {
        Contact contact = new Contact();
        contact.id = UUID.randomUUID();
        set(contact, values);
        if (contact.fullName == null) {
            // full_name is NOT NULL: a Creatio contact without a name is named by its email until someone edits it
            contact.fullName = contact.email != null ? contact.email : "(no name)";
        }
        contact.createdAt = Instant.now();
        contact.updatedAt = contact.createdAt;
        contacts.persist(contact);
        contacts.flush();
        return record(contact);
    }

    private static void set(Contact contact, Map<String, Object> values) {
        values.forEach((field, raw) -> {
            String v = CanonicalValues.asText(CanonicalValues.canonical(raw));
            switch (field) {
                // full_name is NOT NULL: a cleared Creatio name leaves NIA's as it is
                case "full_name" -> contact.fullName = v == null ? contact.fullName : v;
                case "email" -> contact.email = v;
                case "phone" -> contact.phone = v;
                case "job_title" -> contact.jobTitle = v;
                case "company" -> contact.company = v;
                default -> {
                    // not a contact field
                }
            }
        });
    }

    static NiaRecord record(Contact contact) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("full_name", contact.fullName);
        f.put("email", contact.email);
        f.put("phone", contact.phone);
        f.put("job_title", contact.jobTitle);
        f.put("company", contact.company);
        return new NiaRecord(contact.id, f, contact.updatedAt, contact.version, contact.deleted);
    }
}
