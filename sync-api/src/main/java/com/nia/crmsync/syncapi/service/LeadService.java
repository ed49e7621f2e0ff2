package com.nia.crmsync.syncapi.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.api.LeadInput;
import com.nia.crmsync.syncapi.api.LeadView;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.repository.LeadRepository;
import com.nia.crmsync.syncapi.sync.SyncPlanner;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.problem.ProblemException;

/** The NIA-side lead store: create (idempotent by key), read, list, replace with a version check, soft delete. */
@ApplicationScoped
public class LeadService {

    static final String SCOPE = "lead.create";

    private final LeadRepository leads;
    private final IdempotencyKeys keys;
    private final SyncPlanner planner;

    public LeadService(LeadRepository leads, IdempotencyKeys keys, SyncPlanner planner) {
        this.leads = leads;
        this.keys = keys;
        this.planner = planner;
    }

    /** Creates a lead; with an idempotency key, a repeated call returns the lead the first one created. */
    @Transactional
    public Created<LeadView> create(LeadInput input, String idempotencyKey) {
        var earlier = keys.earlier(SCOPE, idempotencyKey, input);
        if (earlier.isPresent()) {
            return new Created<>(LeadView.of(require(earlier.get())), false);
        }
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.createdAt = Instant.now();
        apply(lead, input);
        leads.persist(lead);
        leads.flush();
        keys.remember(SCOPE, idempotencyKey, input, lead.id);
        planSync(lead.id);
        return new Created<>(LeadView.of(lead), true);
    }

    @Transactional
    public LeadView get(UUID id) {
        return LeadView.of(require(id));
    }

    @Transactional
    public PageView<LeadView> list(int page, int size, String email, String status, boolean includeDeleted) {
        StringBuilder query = new StringBuilder(includeDeleted ? "1 = 1" : "deleted = false");
        Parameters params = new Parameters();
        if (email != null && !email.isBlank()) {
            query.append(" and lower(email) = :email");
            params.and("email", email.toLowerCase(java.util.Locale.ROOT));
        }
        if (status != null && !status.isBlank()) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        var found = leads.find(query.toString(), Sort.descending("updatedAt").and("id"), params).page(Page.of(page, size));
        List<LeadView> items = found.list().stream().map(LeadView::of).toList();
        return new PageView<>(items, page, size, found.count());
    }

    /** Replaces a lead's fields; {@code expectedVersion} (from {@code If-Match}) must be the current version when given. */
    @Transactional
    public LeadView replace(UUID id, LeadInput input, Long expectedVersion) {
        Lead lead = require(id);
        if (lead.deleted) {
            throw new ProblemException(Response.Status.CONFLICT, "Lead deleted", "Lead " + id + " is deleted", List.of());
        }
        checkVersion(expectedVersion, lead.version, id);
        apply(lead, input);
        leads.flush();
        planSync(id);
        return LeadView.of(lead);
    }

    /** Soft delete: the row stays (with its last values) and the deletion propagates as a command. */
    @Transactional
    public LeadView delete(UUID id, Long expectedVersion) {
        Lead lead = require(id);
        checkVersion(expectedVersion, lead.version, id);
        if (!lead.deleted) {
            lead.deleted = true;
            lead.deletedAt = Instant.now();
            lead.updatedAt = lead.deletedAt;
            leads.flush();
            planSync(id);
        }
        return LeadView.of(lead);
    }

    /**
     * Plans the sync of the change in this transaction (after the flush, so the command carries the
     * new version): a rolled-back change sends nothing, a committed one is never lost.
     */
    private void planSync(UUID id) {
        planner.plan(new SyncPlanner.Request(EntityType.LEAD, id, Lane.REALTIME, null, SyncPlanner.Way.TO_CREATIO, false, false));
    }

    private Lead require(UUID id) {
        Lead lead = leads.findById(id);
        if (lead == null) {
            throw new ProblemException(Response.Status.NOT_FOUND, "Unknown lead", "No lead " + id, List.of());
        }
        return lead;
    }

    static void checkVersion(Long expected, long actual, UUID id) {
        if (expected != null && expected != actual) {
            throw new ProblemException(Response.Status.PRECONDITION_FAILED, "Version mismatch",
                    id + " is at version " + actual + ", not " + expected + ": read it again and reapply the change", List.of());
        }
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
