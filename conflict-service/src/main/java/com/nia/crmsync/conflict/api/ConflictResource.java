package com.nia.crmsync.conflict.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.security.identity.SecurityIdentity;

import com.nia.crmsync.conflict.entity.ConflictStatus;
import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.conflict.repository.AuditEntryRepository;
import com.nia.crmsync.conflict.repository.SyncConflictRepository;
import com.nia.crmsync.conflict.service.ConflictAudit;
import com.nia.crmsync.conflict.service.ConflictSnapshot;
import com.nia.crmsync.conflict.service.FieldVisibility;
import com.nia.crmsync.conflict.service.Resolutions;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.CallerRoles;
import com.nia.crmsync.web.security.Roles;

/**
 * The conflict inbox over HTTP: the list (pending conflicts unless {@code status} names another
 * status or {@code all}; filters, paging, newest first), one conflict with its
 * three values side by side and the record's other open conflicts, its audit trail, and the
 * decisions other than a single resolve (bulk resolve, dismiss, retry), each audited with the
 * caller's identity. Values of a field the caller may not see are left out.
 */
@Path("/api/v1/crm/conflicts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConflictResource {

    /** The most conflicts a bulk resolution selected by filter takes at once. */
    static final int BULK_LIMIT = 1000;
    /** The list's {@code status} value that lists conflicts of every status. */
    static final String ALL_STATUSES = "all";

    private final SyncConflictRepository conflicts;
    private final AuditEntryRepository auditEntries;
    private final Resolutions resolutions;
    private final FieldVisibility visibility;
    private final ConflictAudit conflictAudit;
    private final AuditTrail audit;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public ConflictResource(SyncConflictRepository conflicts, AuditEntryRepository auditEntries, Resolutions resolutions,
            FieldVisibility visibility, ConflictAudit conflictAudit, AuditTrail audit, SecurityIdentity identity,
            ObjectMapper mapper) {
        this.conflicts = conflicts;
        this.auditEntries = auditEntries;
        this.resolutions = resolutions;
        this.visibility = visibility;
        this.conflictAudit = conflictAudit;
        this.audit = audit;
        this.identity = identity;
        this.mapper = mapper;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Transactional
    public PageView<ConflictSnapshot> list(@QueryParam("status") String status, @QueryParam("type") String type,
            @QueryParam("entity_type") String entityType, @QueryParam("entity_id") UUID entityId,
            @QueryParam("field") String field,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        var query = conflicts.list(filter(listedStatus(status), type, entityType, entityId, field, "")).page(Page.of(page, size));
        Set<String> roles = CallerRoles.current();
        List<ConflictSnapshot> items = query.list().stream().map(c -> ConflictSnapshot.of(c, visibility.hidden(c, roles))).toList();
        return new PageView<>(items, page, size, query.count());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Transactional
    public ConflictDetail get(@PathParam("id") UUID id) {
        SyncConflict c = resolutions.get(id, "/id");
        Set<String> roles = CallerRoles.current();
        List<ConflictSnapshot> others = conflicts.othersOfRecord(c).stream()
                .map(o -> ConflictSnapshot.of(o, visibility.hidden(o, roles))).toList();
        return new ConflictDetail(ConflictSnapshot.of(c, visibility.hidden(c, roles)), others);
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Transactional
    public List<AuditView> audit(@PathParam("id") UUID id) {
        SyncConflict c = resolutions.get(id, "/id");
        boolean hidden = visibility.hidden(c, CallerRoles.current());
        List<AuditEntryRepository.Row> rows = auditEntries.ofTarget(ConflictAudit.target(c));
        List<AuditView> entries = new ArrayList<>(rows.size());
        for (AuditEntryRepository.Row r : rows) {
            JsonNode before = tree(r.beforeJson());
            JsonNode after = tree(r.afterJson());
            if (hidden) {
                before = AuditView.withoutValues(before);
                after = AuditView.withoutValues(after);
            }
            entries.add(new AuditView(r.id(), r.occurredAt(), r.actor(), r.actorRoles(), r.action(), r.target(),
                    before, after, hidden, r.correlationId(), r.outcome()));
        }
        return entries;
    }

    @POST
    @Path("/bulk-resolve")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("conflict.bulk-resolve")
    public BulkResolution bulkResolve(@NotNull @Valid Requests.BulkResolve request) {
        boolean byIds = request.ids() != null && !request.ids().isEmpty();
        if (byIds == (request.filter() != null)) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "Invalid request", "name the conflicts by ids or by a filter (one of them)",
                    List.of(new Problem.FieldError(byIds ? "/filter" : "/ids", byIds ? "not with ids" : "ids or filter required")));
        }
        List<UUID> ids;
        if (byIds) {
            ids = List.copyOf(new LinkedHashSet<>(request.ids()));
        } else {
            Requests.Filter f = request.filter();
            var selection = filter(f.status(), f.type(), f.entityType(), f.entityId(), f.field(), "/filter/");
            ids = QuarkusTransaction.requiringNew().call(() -> conflicts.list(selection).page(Page.ofSize(BULK_LIMIT))
                    .list().stream().map(c -> c.id).toList());
        }
        String user = user();
        Set<String> roles = identity.getRoles();
        var decision = request.decision();
        UUID correlation = correlationId();
        BulkResolution bulk = each(ids, id -> {
            ConflictSnapshot before = ConflictSnapshot.of(resolutions.get(id, "/ids"));
            SyncConflict c = resolutions.resolve(id, decision, user, correlation);
            conflictAudit.write("conflict.resolve", user, roles, before, c, audit.correlationId());
            return c;
        });
        audit.target("sync-conflicts/bulk-resolve").after(bulk);
        return bulk;
    }

    @POST
    @Path("/{id}/dismiss")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("conflict.dismiss")
    @Transactional
    public ConflictSnapshot dismiss(@PathParam("id") UUID id, String body) throws JsonProcessingException {
        // the body is optional: a bare POST (any content type, or none) dismisses without a comment
        Requests.Dismiss request = body == null || body.isBlank() ? null : mapper.readValue(body, Requests.Dismiss.class);
        if (request != null && request.comment() != null && request.comment().length() > 2000) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "Invalid request", "the comment is longer than 2,000 characters",
                    List.of(new Problem.FieldError("/comment", "size must be between 0 and 2000")));
        }
        ConflictSnapshot before = ConflictSnapshot.of(resolutions.get(id, "/id"));
        SyncConflict c = resolutions.dismiss(id, request == null ? null : request.comment(), user());
        ConflictSnapshot after = ConflictSnapshot.of(c);
        audit.target(ConflictAudit.target(c)).before(before).after(after);
        return after;
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("conflict.retry")
    @Transactional
    public Response retry(@PathParam("id") UUID id) {
        ConflictSnapshot before = ConflictSnapshot.of(resolutions.get(id, "/id"));
        SyncConflict c = resolutions.retry(id, correlationId());
        ConflictSnapshot after = ConflictSnapshot.of(c);
        audit.target(ConflictAudit.target(c)).before(before).after(after);
        return Response.accepted(after).build();
    }

    /** Each conflict in its own transaction: one that cannot be resolved leaves the others resolved. */
    private static BulkResolution each(List<UUID> ids, Function<UUID, SyncConflict> decide) {
        List<BulkResolution.Outcome> outcomes = new ArrayList<>(ids.size());
        int accepted = 0;
        for (UUID id : ids) {
            try {
                SyncConflict c = QuarkusTransaction.requiringNew().call(() -> decide.apply(id));
                outcomes.add(new BulkResolution.Outcome(id, 202, c.status, null));
                accepted++;
            } catch (ProblemException e) {
                outcomes.add(new BulkResolution.Outcome(id, e.status(), null, e.getMessage()));
            } catch (RuntimeException e) {
                if (!causedByConcurrentChange(e)) {
                    throw e;
                }
                outcomes.add(new BulkResolution.Outcome(id, 409, null, "changed by someone else meanwhile"));
            }
        }
        return new BulkResolution(ids.size(), accepted, ids.size() - accepted, outcomes);
    }

    private static boolean causedByConcurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** The list's status filter: {@code pending} when none is given (as the seed listed), none for {@code all}. */
    static String listedStatus(String status) {
        if (status == null || status.isBlank()) {
            return ConflictStatus.PENDING.wire();
        }
        return ALL_STATUSES.equals(status.strip()) ? null : status.strip();
    }

    /** The list's filters, checked; a bad value is a 400 naming the parameter ({@code prefix} + name). */
    static com.nia.crmsync.conflict.repository.SyncConflictRepository.Filter filter(String status, String type,
            String entityType, UUID entityId, String field, String prefix) {
        check(status, ConflictStatus::fromWire, prefix + "status", Arrays.stream(ConflictStatus.values()).map(ConflictStatus::wire).toList());
        check(type, MismatchType::fromWire, prefix + "type", Arrays.stream(MismatchType.values()).map(MismatchType::wire).toList());
        check(entityType, EntityType::fromWire, prefix + "entity_type", Arrays.stream(EntityType.values()).map(EntityType::wire).toList());
        return new SyncConflictRepository.Filter(status, type, entityType, entityId, field);
    }

    private static void check(String value, Function<String, ?> parse, String name, List<String> allowed) {
        if (value == null) {
            return;
        }
        try {
            parse.apply(value);
        } catch (IllegalArgumentException unknown) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "Invalid request",
                    name + " must be one of " + allowed, List.of(new Problem.FieldError(name, "unknown value")));
        }
    }

    private UUID correlationId() {
        return ResolveResource.uuidOf(audit.correlationId());
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static JsonNode tree(String json) {
        return json == null ? null : Json.read(json, JsonNode.class);
    }
}
