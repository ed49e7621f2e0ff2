package com.nia.crmsync.syncapi.runs;

import static java.net.HttpURLConnection.HTTP_BAD_REQUEST;
import static java.net.HttpURLConnection.HTTP_CONFLICT;
import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.LogFields;
import com.nia.crmsync.model.resync.ResyncRequest;
import com.nia.crmsync.model.resync.ResyncScope;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.planning.DryRunPlans;
import com.nia.crmsync.syncapi.planning.RetryFailed;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.planning.SyncRun;
import com.nia.crmsync.syncapi.planning.SyncRunRepository;
import com.nia.crmsync.syncapi.repository.LeadRepository;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * Starts runs and shows them. Every trigger creates a {@code sync_run} row first (honouring the
 * caller's {@code Idempotency-Key}: a repeat answers the same run and starts nothing); a
 * {@code sync_all} then plans its records in the background ({@link FanOutJob}), a
 * {@code sync-lead} plans its one command and a {@code retry-failed} re-queues the failed records
 * in the request's transaction.
 */
@ApplicationScoped
public class RunService {

    /** The entity types a {@code sync_all} can plan (those with NIA records). */
    static final List<EntityType> SYNCABLE = List.of(EntityType.LEAD, EntityType.CONTACT);

    private final RunRows rows;
    private final SyncRunRepository runs;
    private final SyncPlanner planner;
    private final RetryFailed retryFailed;
    private final LeadRepository leads;
    private final FanOutJob fanOut;
    private final ConfigurationService configuration;
    private final DryRunPlans plans;

    public RunService(RunRows rows, SyncRunRepository runs, SyncPlanner planner, RetryFailed retryFailed, LeadRepository leads,
            FanOutJob fanOut, ConfigurationService configuration, DryRunPlans plans) {
        this.configuration = configuration;
        this.plans = plans;
        this.rows = rows;
        this.runs = runs;
        this.planner = planner;
        this.retryFailed = retryFailed;
        this.leads = leads;
        this.fanOut = fanOut;
    }

    /** Creates a {@code sync_all} run and starts planning it in the background (not for a repeated key). */
    public Triggered startSyncAll(SyncAllRequest request, String user, String idempotencyKey) {
        SyncAllRequest r = request == null ? new SyncAllRequest(null, null, null) : request;
        List<EntityType> types = syncableTypes(r.entityTypes());
        boolean force = Boolean.TRUE.equals(r.force());
        boolean dryRun = Boolean.TRUE.equals(r.dryRun());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("entity_types", types.stream().map(EntityType::wire).toList());
        params.put("force", force);
        RunRows.Created created = QuarkusTransaction.requiringNew()
                .call(() -> rows.create(RunKind.SYNC_ALL, user, params, dryRun, idempotencyKey));
        if (created.isNew()) {
            fanOut.start(created.id(), fanOut.syncAll(types, force, dryRun));
        }
        return Triggered.of(created.id(), null, !created.isNew());
    }

    /** Creates a {@code sync_lead} run and plans the lead's command on the real-time lane, in one transaction. */
    public Triggered startSyncLead(SyncLeadRequest request, String user, String idempotencyKey) {
        if (request == null || request.leadId() == null) {
            throw new ProblemException(HTTP_BAD_REQUEST, "Invalid request", "lead_id is required",
                    List.of(new Problem.FieldError("/lead_id", "is required")));
        }
        String direction = request.direction() == null ? "to_creatio" : request.direction();
        SyncPlanner.Way way = way(direction);
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lead_id", request.leadId().toString());
        params.put("direction", direction);
        return QuarkusTransaction.requiringNew().call(() -> {
            if (leads.find("id = ?1 and deleted = false", request.leadId()).firstResultOptional().isEmpty()) {
                throw new ProblemException(HTTP_NOT_FOUND, "Unknown lead", "No lead " + request.leadId(),
                        List.of(new Problem.FieldError("/lead_id", "no such lead")));
            }
            RunRows.Created created = rows.create(RunKind.SYNC_LEAD, user, params, dryRun, idempotencyKey);
            // the request's remaining log lines name the run and the lead (common-web's RequestLogContext clears them)
            MDC.put(LogFields.RUN_ID, created.id().toString());
            MDC.put(LogFields.ENTITY_KEY, EntityKey.kafkaKey(EntityType.LEAD, request.leadId()));
            if (created.isNew()) {
                // a person asked for this lead: plan it even when nothing changed since the last sync
                SyncPlanner.Planned planned = planner.plan(new SyncPlanner.Request(EntityType.LEAD, request.leadId(), Lane.REALTIME,
                        created.id(), way, true, dryRun));
                // deferred: a command of this record is in flight; its follow-up carries this run and answers for it
                boolean command = planned == SyncPlanner.Planned.COMMAND || planned == SyncPlanner.Planned.DEFERRED;
                rows.planned(created.id(), command ? 1 : 0, command ? 0 : 1);
            }
            return Triggered.of(created.id(), null, !created.isNew());
        });
    }

    /** Creates a {@code retry_failed} run and re-queues the failed records it names; the count is how many. */
    public Triggered startRetryFailed(RetryFailedRequest request, String user, String idempotencyKey) {
        RetryFailedRequest r = request == null ? new RetryFailedRequest(null, null) : request;
        EntityType type = r.entityType() == null ? null : entityType(r.entityType(), "/entity_type");
        List<UUID> ids = r.ids() == null || r.ids().isEmpty() ? null : List.copyOf(r.ids());
        Map<String, Object> params = new LinkedHashMap<>();
        if (type != null) {
            params.put("entity_type", type.wire());
        }
        if (ids != null) {
            params.put("ids", ids.stream().map(UUID::toString).toList());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            RunRows.Created created = rows.create(RunKind.RETRY_FAILED, user, params, false, idempotencyKey);
            long count;
            if (created.isNew()) {
                count = retryFailed.retryFailed(type, ids, created.id());
                rows.planned(created.id(), (int) count, 0);
            } else {
                count = runs.findById(created.id()).total;
            }
            return Triggered.of(created.id(), count, !created.isNew());
        });
    }

    /**
     * Creates the {@code resync} run of a valid resync request, in the caller's transaction (the
     * consumer's, which also records the request as processed); its id is the given one (derived
     * from the request's event id), so a redelivery creates nothing. Answers the run to fan out
     * once the transaction has committed, or null for a run that already existed.
     *
     * @throws IllegalArgumentException for a request naming an entity type that has no NIA records
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public Resync createResync(UUID runId, ResyncRequest request) {
        List<EntityType> types = request.entityTypes() == null || request.entityTypes().isEmpty()
                ? SYNCABLE : request.entityTypes().stream().distinct().toList();
        for (EntityType type : types) {
            if (!SYNCABLE.contains(type)) {
                throw new IllegalArgumentException("/payload/entityTypes: entity type '" + type.wire()
                        + "' has no NIA records to resync; expected lead or contact");
            }
        }
        SyncPlanner.Way way = request.direction() == null || request.direction() == Direction.BOTH ? SyncPlanner.Way.BOTH
                : request.direction() == Direction.TO_CREATIO ? SyncPlanner.Way.TO_CREATIO : SyncPlanner.Way.FROM_CREATIO;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("request_id", String.valueOf(request.requestId()));
        params.put("scope", request.scope().wire());
        params.put("entity_types", types.stream().map(EntityType::wire).toList());
        if (request.ids() != null && !request.ids().isEmpty()) {
            params.put("ids", request.ids().stream().map(UUID::toString).toList());
        }
        if (request.modifiedSince() != null) {
            params.put("modified_since", request.modifiedSince().toString());
        }
        params.put("direction", way.wire());
        params.put("force", request.force());
        String requestedBy = request.requestedBy() == null || request.requestedBy().isBlank() ? "kafka" : request.requestedBy();
        RunRows.Created created = rows.create(runId, RunKind.RESYNC, requestedBy, params, request.dryRun(), null);
        if (!created.isNew()) {
            return null;
        }
        List<UUID> ids = request.scope() == ResyncScope.IDS ? List.copyOf(request.ids()) : null;
        Instant since = request.scope() == ResyncScope.MODIFIED_SINCE ? request.modifiedSince() : null;
        int batch = configuration.current().configuration().batchSizes().resyncFanOutBatch();
        return new Resync(runId, new FanOutJob.Selection(types, ids, since, way, request.force(), request.dryRun(), batch));
    }

    /** A resync run created and waiting to be fanned out. */
    public record Resync(UUID runId, FanOutJob.Selection selection) {
    }

    /** Fans a committed resync run out in the background. */
    public void startResync(Resync resync) {
        fanOut.start(resync.runId(), resync.selection());
    }

    /** A run's view; 404 problem when there is none. */
    public RunView view(UUID id) {
        SyncRun run = QuarkusTransaction.joiningExisting().call(() -> runs.findById(id));
        if (run == null) {
            throw new ProblemException(HTTP_NOT_FOUND, "Unknown run", "No run " + id, null);
        }
        RunView view = RunView.of(run);
        return run.dryRun ? view.withPlan(plans.summary(id)) : view;
    }

    /** A page of a dry run's plan, lines in entity type and id order; 404 when there is no run, 409 when it is not a dry run. */
    public PlanPage plan(UUID id, int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw new ProblemException(HTTP_BAD_REQUEST, "Invalid request", "page must be 0 or more and size 1 to 500",
                    List.of(new Problem.FieldError(page < 0 ? "/page" : "/size", page < 0 ? "must be 0 or more" : "must be 1 to 500")));
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            SyncRun run = runs.findById(id);
            if (run == null) {
                throw new ProblemException(HTTP_NOT_FOUND, "Unknown run", "No run " + id, null);
            }
            if (!run.dryRun) {
                throw new ProblemException(HTTP_CONFLICT, "Not a dry run", "Run " + id + " is not a dry run: it has no plan", null);
            }
            return new PlanPage(plans.lines(id, page, size), page, size, plans.count(id), plans.summary(id));
        });
    }

    static List<EntityType> syncableTypes(List<String> wires) {
        return types(wires, SYNCABLE);
    }

    /** The entity types a request names, each one of {@code allowed} (a 400 problem naming the others); all allowed when none. */
    static List<EntityType> types(List<String> wires, List<EntityType> allowed) {
        if (wires == null || wires.isEmpty()) {
            return allowed;
        }
        List<EntityType> types = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < wires.size(); i++) {
            String wire = wires.get(i);
            EntityType type = null;
            try {
                type = wire == null ? null : EntityType.fromWire(wire.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                // reported below
            }
            if (type == null || !allowed.contains(type)) {
                errors.add(new Problem.FieldError("/entity_types/" + i, "unknown entity type '" + wire + "'; expected one of "
                        + String.join(", ", allowed.stream().map(EntityType::wire).toList())));
            } else if (!types.contains(type)) {
                types.add(type);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HTTP_BAD_REQUEST, "Invalid request", errors.size() + " field(s) are invalid", errors);
        }
        return types;
    }

    private static EntityType entityType(String wire, String field) {
        try {
            EntityType type = EntityType.fromWire(wire.toLowerCase(Locale.ROOT));
            if (SYNCABLE.contains(type)) {
                return type;
            }
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        throw new ProblemException(HTTP_BAD_REQUEST, "Invalid request", "unknown entity type '" + wire + "'",
                List.of(new Problem.FieldError(field, "unknown entity type; expected one of lead, contact")));
    }

    private static SyncPlanner.Way way(String direction) {
        return switch (direction) {
            case "to_creatio" -> SyncPlanner.Way.TO_CREATIO;
            case "from_creatio" -> SyncPlanner.Way.FROM_CREATIO;
            case "both" -> SyncPlanner.Way.BOTH;
            default -> throw new ProblemException(HTTP_BAD_REQUEST, "Invalid request", "unknown direction '" + direction + "'",
                    List.of(new Problem.FieldError("/direction", "must be to_creatio, from_creatio or both")));
        };
    }
}
