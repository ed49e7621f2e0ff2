package com.nia.crmsync.syncapi.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.api.ContactInput;
import com.nia.crmsync.syncapi.api.ContactView;
import com.nia.crmsync.syncapi.entity.Contact;
import com.nia.crmsync.syncapi.repository.ContactRepository;
import com.nia.crmsync.syncapi.sync.SyncPlanner;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.problem.ProblemException;

/** The NIA-side contact store: create (idempotent by key), read, list, replace with a version check, soft delete. */
@ApplicationScoped
public class ContactService {

    static final String SCOPE = "contact.create";

    private final ContactRepository contacts;
    private final IdempotencyKeys keys;
    private final SyncPlanner planner;

    public ContactService(ContactRepository contacts, IdempotencyKeys keys, SyncPlanner planner) {
        this.contacts = contacts;
        this.keys = keys;
        this.planner = planner;
    }

    @Transactional
    public Created<ContactView> create(ContactInput input, String idempotencyKey) {
        var earlier = keys.earlier(SCOPE, idempotencyKey, input);
        if (earlier.isPresent()) {
            return new Created<>(ContactView.of(require(earlier.get())), false);
        }
        Contact contact = new Contact();
        contact.id = UUID.randomUUID();
        contact.createdAt = Instant.now();
        apply(contact, input);
        contacts.persist(contact);
        contacts.flush();
        keys.remember(SCOPE, idempotencyKey, input, contact.id);
        planSync(contact.id);
        return new Created<>(ContactView.of(contact), true);
    }

    @Transactional
    public ContactView get(UUID id) {
        return ContactView.of(require(id));
    }

    @Transactional
    public PageView<ContactView> list(int page, int size, String email, boolean includeDeleted) {
        StringBuilder query = new StringBuilder(includeDeleted ? "1 = 1" : "deleted = false");
        Parameters params = new Parameters();
        if (email != null && !email.isBlank()) {
            query.append(" and lower(email) = :email");
            params.and("email", email.toLowerCase(java.util.Locale.ROOT));
        }
        var found = contacts.find(query.toString(), Sort.descending("updatedAt").and("id"), params).page(Page.of(page, size));
        return new PageView<>(found.list().stream().map(ContactView::of).toList(), page, size, found.count());
    }

    @Transactional
    public ContactView replace(UUID id, ContactInput input, Long expectedVersion) {
        Contact contact = require(id);
        if (contact.deleted) {
            throw new ProblemException(Response.Status.CONFLICT, "Contact deleted", "Contact " + id + " is deleted", List.of());
        }
        LeadService.checkVersion(expectedVersion, contact.version, id);
        apply(contact, input);
        contacts.flush();
        planSync(id);
        return ContactView.of(contact);
    }

    @Transactional
    public ContactView delete(UUID id, Long expectedVersion) {
        Contact contact = require(id);
        LeadService.checkVersion(expectedVersion, contact.version, id);
        if (!contact.deleted) {
            contact.deleted = true;
            contact.deletedAt = Instant.now();
            contact.updatedAt = contact.deletedAt;
            contacts.flush();
            planSync(id);
        }
        return ContactView.of(contact);
    }

    /**
     * Plans the sync of the change in this transaction (after the flush, so the command carries the
     * new version): a rolled-back change sends nothing, a committed one is never lost.
     */
    private void planSync(UUID id) {
        planner.plan(new SyncPlanner.Request(EntityType.CONTACT, id, Lane.REALTIME, null, SyncPlanner.Way.TO_CREATIO, false, false));
    }

    private Contact require(UUID id) {
        Contact contact = contacts.findById(id);
        if (contact == null) {
            throw new ProblemException(Response.Status.NOT_FOUND, "Unknown contact", "No contact " + id, List.of());
        }
        return contact;
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
