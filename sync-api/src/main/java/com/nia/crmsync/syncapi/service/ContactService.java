package com.nia.crmsync.syncapi.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.syncapi.entity.Contact;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.records.NiaRecordKinds;

/** The NIA-side contact store (see {@link NiaRecordStore}); contacts are listed by email. */
@ApplicationScoped
public class ContactService extends NiaRecordStore<Contact, ContactInput> {

    public ContactService(NiaRecordKinds kinds, IdempotencyKeys keys, SyncPlanner planner) {
        super(kinds.contacts(), keys, planner, ContactService::apply);
    }

    // package-private: the fixture loader fills records the same way
    static void apply(Contact contact, ContactInput in) {
        contact.fullName = in.fullName();
        contact.email = in.email();
        contact.phone = in.phone();
        contact.jobTitle = in.jobTitle();
        contact.company = in.company();
        contact.updatedAt = Instant.now();
    }
}
