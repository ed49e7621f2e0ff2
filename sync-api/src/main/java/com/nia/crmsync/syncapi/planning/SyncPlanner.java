package com.nia.crmsync.syncapi.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

import com.nia.crmsync.messaging.outbox.Outbox;
import com.nia.crmsync.model.command.CreatioSnapshot;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.records.NiaRecord;
import com.nia.crmsync.syncapi.records.RecordAccesses;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;

/**
 * Plans sync commands: reads the NIA record and its sync state, maps it with the configuration in
 * force, and writes the command into the outbox in the caller's transaction (so a rolled-back
 * edit sends nothing, and nothing is lost while Kafka is down).
 *
 * <p><b>One command in flight per record.</b> Every command carries the base (the values both sides
 * last agreed on) that the worker merges against. If a second command were planned while the first
 * is with a worker, it would carry the same, soon outdated base, and the worker would take the
 * first command's own writes for Creatio edits. So while a record's command is in flight (status
 * {@code in_progress}, or {@code pending} waiting for its retry time) a new plan only records the
 * newer version and asks for a plan again; when the in-flight result is applied, the record is
 * planned again right there, in the same transaction, with the base that result just stored. A
 * record whose result never comes (its command was dead-lettered as poison, or lost) is planned
 * again by {@link RetryScheduler} after {@code sync-api.sync.stale-after}.
 *
 * <p><b>NIA deletes pass the safety breaker.</b> A {@code delete} command of a linked record is
 * planned only when {@link NiaDeletions} lets it go; a held one plans nothing ({@link Planned#HELD})
 * until an admin approves it. A retry plans the operation that was planned (a restore stays a restore).
 */
@ApplicationScoped
public class SyncPlanner {

    /** Which way a run goes. */
    public enum Way {
        TO_CREATIO, FROM_CREATIO, BOTH;

        /** The wire name ({@code to_creatio}, ...), as {@code creatio_sync.direction} stores it. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Way fromWire(String wire) {
            return wire == null ? TO_CREATIO : valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One record to plan.
     *
     * @param type    the entity type
     * @param localId the NIA id
     * @param lane    realtime (one record a person or an event touched) or bulk (runs)
     * @param runId   the run it belongs to, or null for an edit
     * @param way     the direction
     * @param force   plan even when nothing changed since the last sync
     * @param dryRun  plan only: the worker computes the plan, nothing is written
     * @param creatioSnapshot Creatio's state already read (a pull page), carried so the worker merges without
     *                        reading it again; null means "read it"
     */
    public record Request(EntityType type, UUID localId, Lane lane, UUID runId, Way way, boolean force, boolean dryRun,
            CreatioSnapshot creatioSnapshot) {

        /** A request without a Creatio snapshot (the worker reads Creatio's state). */
        public Request(EntityType type, UUID localId, Lane lane, UUID runId, Way way, boolean force, boolean dryRun) {
            this(type, localId, lane, runId, way, force, dryRun, null);
        }
    }

    /** What planning did. */
    public enum Planned {
        /** A command is in the outbox. */
        COMMAND,
        /** Left out by configuration (push disabled, inclusion filter), or nothing to do (a deleted record never synced). */
        SKIPPED,
        /** Nothing changed since the last sync and not forced. */
        UNCHANGED,
        /**
         * A command of this record is in flight: the newer version is recorded and the record is
         * planned again (with this request's run, lane and force) when that command's final result is
         * applied. A run should await it like a command: the re-plan's result carries the run id, or,
         * when the re-plan finds nothing to do, the run's counters are updated right then.
         */
        DEFERRED,
        /** An NIA soft delete held by the deletion safety breaker: nothing is sent until an admin approves it. */
        HELD
    }

    private final RecordAccesses records;
    private final CreatioSyncRepository syncs;
    private final ConfigurationService configuration;
    private final Outbox outbox;
    private final EntityManager em;
    private final Instance<SecurityIdentity> identity;
    private final SyncRunRepository runs;
    private final NiaDeletions niaDeletions;

    public SyncPlanner(RecordAccesses records, CreatioSyncRepository syncs, ConfigurationService configuration,
            Outbox outbox, EntityManager em, Instance<SecurityIdentity> identity, SyncRunRepository runs,
            NiaDeletions niaDeletions) {
        this.runs = runs;
        this.niaDeletions = niaDeletions;
        this.records = records;
        this.syncs = syncs;
        this.configuration = configuration;
        this.outbox = outbox;
        this.em = em;
        this.identity = identity;
    }

    /** Plans one record in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Planned plan(Request request) {
        Objects.requireNonNull(request.type(), "type");
        Objects.requireNonNull(request.localId(), "localId");
        if (!records.supports(request.type())) {
            return Planned.SKIPPED;
        }
        // The NIA record is locked before its sync state, the order in which a result and an edit take them. Read
        // without the lock, a version that a result is committing meanwhile would be missed while the sync state
        // (read after waiting for that result's lock) already carries the base it leaves. A stale snapshot against
        // a newer base looks like an NIA change, and the worker would write the old value back to Creatio: the long
        // chaos run lost an update that way (docs/reliability.md).
        var access = records.of(request.type());
        NiaRecord record = (request.dryRun() ? access.load(request.localId()) : access.lock(request.localId()))
                .orElseThrow(() -> new IllegalArgumentException("No " + request.type().wire() + " " + request.localId()));
        Way way = Objects.requireNonNullElse(request.way(), Way.TO_CREATIO);
        Lane lane = Objects.requireNonNullElse(request.lane(), Lane.REALTIME);
        if (request.dryRun()) {
            // a plan only: the sync state is read, never created, locked or changed; the outbox row is the one write
            return build(readOnly(request.type(), request.localId()), record, lane, request.runId(), way, request.force(), true,
                    UUID.randomUUID(), 1, request.creatioSnapshot());
        }
        return planLocked(request, record, lockOrCreate(request.type(), request.localId()));
    }

    /**
     * Plans many records of one type as {@link #plan} plans each (not for dry runs), with set-based reads:
     * the NIA records locked in one query (in id order), their missing sync states created in one statement
     * and all of them locked in one query, the configuration read once for the transaction. The outbox rows
     * and the sync-state changes go out at the caller's flush. A record that no longer exists is skipped.
     * Returns what planning did to each, in the order given. A run's batch of 500 used to cost five round
     * trips to the database per record (docs/performance.md).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Planned> planAll(EntityType type, List<UUID> ids, Lane lane, UUID runId, Way way, boolean force) {
        if (!records.supports(type)) {
            return ids.stream().map(id -> Planned.SKIPPED).toList();
        }
        Map<UUID, NiaRecord> locked = records.of(type).lockAll(ids);
        // ON CONFLICT: a record another transaction plans meanwhile ends up with the one row, as in lockOrCreate
        em.createNativeQuery("INSERT INTO creatio_sync (entity_type, local_id, status, updated_at, created_at) "
                + "SELECT ?1, id, 'pending', now(), now() FROM unnest(CAST(?2 AS uuid[])) AS id ON CONFLICT (entity_type, local_id) DO NOTHING")
                .setParameter(1, type.wire())
                .setParameter(2, locked.keySet().toArray(new UUID[0]))
                .executeUpdate();
        Map<UUID, CreatioSync> rows = syncs.lockAll(type, locked.keySet());
        List<Planned> planned = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            NiaRecord record = locked.get(id);
            CreatioSync row = rows.get(id);
            planned.add(record == null || row == null ? Planned.SKIPPED
                    : planLocked(new Request(type, id, lane, runId, way, force, false), record, row));
        }
        return planned;
    }

    /** {@link #plan} once the NIA record and then its sync state are locked. */
    private Planned planLocked(Request request, NiaRecord record, CreatioSync row) {
        Way way = Objects.requireNonNullElse(request.way(), Way.TO_CREATIO);
        Lane lane = Objects.requireNonNullElse(request.lane(), Lane.REALTIME);
        String user = currentUser();
        if (user != null) {
            row.requestedBy = user;
        }
        if (!record.deleted() && heldMarker(row) && niaDeletions.undeleted(request.type(), request.localId())) {
            // restored in NIA while its deletion was held: it is what it was before, planned like any edit
            resume(row);
        }
        if (inFlight(row)) {
            row.localVersion = Math.max(Objects.requireNonNullElse(row.localVersion, 0L), record.version());
            // also for a row waiting for its retry: that command belongs to its own run, and this
            // request's run gets a result of its own once the record settles
            row.replanRequested = true;
            row.replanForce |= request.force();
            row.direction = way.wire();
            if (request.runId() != null) {
                row.replanRunId = request.runId();
            }
            if (lane == Lane.REALTIME) {
                row.lane = lane.wire();
            }
            row.updatedAt = Instant.now();
            Log.debugf("%s %s has a command in flight: planned again when its result arrives", request.type().wire(), request.localId());
            return Planned.DEFERRED;
        }
        // a new episode: attempts are counted from here
        row.retryCount = 0;
        return build(row, record, lane, request.runId(), way, request.force(), false, UUID.randomUUID(), 1,
                request.creatioSnapshot());
    }

    /**
     * Plans a record again after its in-flight command's result was applied (a newer NIA version,
     * or a plan deferred meanwhile), with the run, lane and force the deferred plan asked for.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Planned planAgain(CreatioSync row) {
        NiaRecord record = load(row);
        if (record == null) {
            return gone(row);
        }
        boolean force = row.replanForce;
        UUID runId = row.replanRunId;
        row.replanRequested = false;
        row.replanForce = false;
        row.replanRunId = null;
        row.retryCount = 0;
        Planned planned = build(row, record, lane(row), runId, Way.fromWire(row.direction), force, false, UUID.randomUUID(), 1);
        if (planned != Planned.COMMAND && runId != null) {
            // the run that was told DEFERRED gets no result: count the record as done here
            SyncRun run = runs.findById(runId, LockModeType.PESSIMISTIC_WRITE);
            if (run != null) {
                if (planned == Planned.UNCHANGED) {
                    run.noChange++;
                } else {
                    run.skipped++;
                }
                run.recordDone();
            }
        }
        return planned;
    }

    /**
     * Plans a retry of a record (a due {@code pending} row, or a stale {@code in_progress} one): the
     * same command id at attempt {@code retryCount + 1}, or a new command id when the last attempt
     * did nothing (a budget refusal) or the record was re-queued; always a fresh NIA snapshot.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Planned retry(CreatioSync row) {
        NiaRecord record = load(row);
        if (record == null) {
            return gone(row);
        }
        UUID commandId = row.freshCommand || row.pendingCommandId == null ? UUID.randomUUID() : row.pendingCommandId;
        // a restore's retry is a restore: as an update it would meet the 404 and be taken for an update_vs_delete
        Operation same = Operation.RESTORE.wire().equals(row.plannedOperation) ? Operation.RESTORE : null;
        // a retry always sends: the record is not synced, so "unchanged" does not apply
        return build(row, record, lane(row), row.runId, Way.fromWire(row.direction), true, false, commandId, row.retryCount + 1,
                null, same);
    }

    private Planned build(CreatioSync row, NiaRecord record, Lane lane, UUID runId, Way way, boolean force,
            boolean dryRun, UUID commandId, int attempt) {
        return build(row, record, lane, runId, way, force, dryRun, commandId, attempt, null);
    }

    private Planned build(CreatioSync row, NiaRecord record, Lane lane, UUID runId, Way way, boolean force,
            boolean dryRun, UUID commandId, int attempt, CreatioSnapshot creatio) {
        return build(row, record, lane, runId, way, force, dryRun, commandId, attempt, creatio, null);
    }

    /**
     * Plans a restore: the record, deleted in Creatio, is recreated there with the NIA values and the
     * Creatio id it had (an {@code update_vs_delete} resolved by restoring, or a rejected deletion).
     * The caller checks that no command of the record is in flight.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Planned planRestore(EntityType type, UUID localId) {
        NiaRecord record = records.of(type).load(localId)
                .orElseThrow(() -> new IllegalArgumentException("No " + type.wire() + " " + localId));
        CreatioSync row = lockOrCreate(type, localId);
        if (inFlight(row)) {
            throw new IllegalStateException(type.wire() + " " + localId + " has a command in flight");
        }
        String user = currentUser();
        if (user != null) {
            row.requestedBy = user;
        }
        row.retryCount = 0;
        return build(row, record, Lane.REALTIME, null, Way.TO_CREATIO, true, false, UUID.randomUUID(), 1, null,
                Operation.RESTORE);
    }

    /** Whether a command of the record is with a worker or waiting for its retry time. */
    public static boolean commandInFlight(CreatioSync row) {
        return inFlight(row);
    }

    /**
     * A record whose NIA deletion was held and is taken back (rejected, or restored in NIA): its
     * status is what it was before, so the next plan sends only what NIA changed since the last sync.
     */
    public static void resume(CreatioSync row) {
        row.syncStatus(row.openFields.isEmpty() ? SyncStatus.SYNCED : SyncStatus.CONFLICT);
        row.updatedAt = Instant.now();
    }

    private Planned build(CreatioSync row, NiaRecord record, Lane lane, UUID runId, Way way, boolean force,
            boolean dryRun, UUID commandId, int attempt, CreatioSnapshot creatio, Operation forced) {
        EntityType type = EntityType.fromWire(row.entityType);
        ConfigRecord config = configuration.current();
        CreatioConfiguration cfg = config.configuration();
        EntityMapping mapping = cfg.mapping(type).orElse(null);
        boolean pull = way == Way.FROM_CREATIO;
        boolean linked = row.creatioId != null;
        if (mapping == null || (!pull && !cfg.flags().pushEnabled()) || (pull && !cfg.flags().pullEnabled())
                || !Inclusion.includes(mapping.include(), record.fields()) || (record.deleted() && !linked)) {
            return skip(row, record, dryRun);
        }
        Map<String, Object> snapshot = canonicalKeepingNulls(FieldMapper.toCreatio(mapping, record.fields(), agreed(row)));
        String hash = CanonicalHash.of(snapshot);
        if (!force && !dryRun && row.syncStatus() == SyncStatus.SYNCED
                && (Objects.equals(row.syncedVersion, record.version()) || (!record.deleted() && sameHash(row.localHash, hash)))) {
            row.localVersion = record.version();
            row.syncedVersion = record.version();
            row.updatedAt = Instant.now();
            return Planned.UNCHANGED;
        }
        Operation operation = forced != null ? forced
                : pull ? Operation.PULL
                : record.deleted() ? Operation.DELETE
                : linked ? Operation.UPDATE : Operation.UPSERT;
        // the breaker guards the mirrored CRM data; rows NIA made from its own meetings are NIA's to remove
        if (operation == Operation.DELETE && !dryRun && records.mirrored(type) && !niaDeletions.mayPropagate(row, record, mapping)) {
            return held(row, record);
        }
        EntityKey key = new EntityKey(type, record.id(), row.creatioId);
        SyncCommand command = SyncCommand.builder(key, operation, lane, config.version())
                .commandId(commandId)
                .nia(snapshot, record.updatedAt(), record.version())
                .niaFields(canonicalKeepingNulls(record.fields()))
                .base(row.baseSnapshot)
                .allocatedCreatioId(operation == Operation.RESTORE
                        ? (linked ? row.creatioId : Ids.creatioIdFor(type, record.id()))
                        : linked || pull ? null : Ids.creatioIdFor(type, record.id()))
                .maxRetries(row.maxRetries != null ? row.maxRetries : cfg.defaultMaxRetries())
                .attempt(attempt)
                .runId(runId)
                .dryRun(dryRun)
                .creatioSnapshot(creatio)
                .build();
        outbox.enqueue(lane.topic(), Envelope.command(command, runId != null ? runId : commandId));
        if (dryRun) {
            // a plan only: the record's state is not touched (dry runs are planned beside real work)
            return Planned.COMMAND;
        }
        row.syncStatus(SyncStatus.IN_PROGRESS);
        row.pendingCommandId = commandId;
        row.attempt = attempt;
        row.lane = lane.wire();
        row.runId = runId;
        row.direction = way.wire();
        row.plannedOperation = operation.wire();
        row.localVersion = record.version();
        row.plannedSnapshot = jsonScalars(snapshot);
        row.plannedAt = Instant.now();
        row.nextRetryAt = null;
        row.freshCommand = false;
        row.replanRequested = false;
        row.replanForce = false;
        row.replanRunId = null;
        row.updatedAt = row.plannedAt;
        return Planned.COMMAND;
    }

    /** How {@link #held} leaves a record: linked, pending, nothing in flight (only then is a held deletion looked for). */
    private static boolean heldMarker(CreatioSync row) {
        return row.creatioId != null && row.syncStatus() == SyncStatus.PENDING && row.nextRetryAt == null
                && row.pendingCommandId == null;
    }

    /** The NIA deletion waits for an admin: nothing in flight, the record pending until it is decided. */
    private static Planned held(CreatioSync row, NiaRecord record) {
        row.syncStatus(SyncStatus.PENDING);
        row.localVersion = record.version();
        row.pendingCommandId = null;
        row.nextRetryAt = null;
        row.plannedOperation = null;
        row.replanRequested = false;
        row.replanForce = false;
        row.replanRunId = null;
        row.updatedAt = Instant.now();
        return Planned.HELD;
    }

    private Planned skip(CreatioSync row, NiaRecord record, boolean dryRun) {
        if (!dryRun) {
            row.syncStatus(SyncStatus.SKIPPED);
            row.localVersion = record.version();
            row.pendingCommandId = null;
            row.nextRetryAt = null;
            row.updatedAt = Instant.now();
        }
        return Planned.SKIPPED;
    }

    /**
     * {@link #lockOrCreate} after locking the NIA record itself: the order in which {@link #plan}, an edit, an
     * intake and a result take them, for a caller that holds the sync state before it plans (the other order
     * deadlocks beside them, and PostgreSQL aborts one).
     */
    public CreatioSync lockRecordThenState(EntityType type, UUID localId) {
        if (records.supports(type)) {
            records.of(type).lock(localId);
        }
        return lockOrCreate(type, localId);
    }

    /** The record's sync state, locked for this transaction; created (status {@code pending}) when it has none. */
    public CreatioSync lockOrCreate(EntityType type, UUID localId) {
        // ON CONFLICT: two transactions planning a new record at once both end up with the one row
        em.createNativeQuery("INSERT INTO creatio_sync (entity_type, local_id, status, updated_at, created_at) "
                + "VALUES (?1, ?2, 'pending', now(), now()) ON CONFLICT (entity_type, local_id) DO NOTHING")
                .setParameter(1, type.wire())
                .setParameter(2, localId)
                .executeUpdate();
        return syncs.find("entityType = ?1 and localId = ?2", type.wire(), localId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * The record's sync state for a dry run, detached so that nothing done to it is ever flushed; a
     * record that has none gets a transient one (never synced), which is not persisted.
     */
    private CreatioSync readOnly(EntityType type, UUID localId) {
        CreatioSync row = syncs.find("entityType = ?1 and localId = ?2", type.wire(), localId).firstResult();
        if (row != null) {
            em.detach(row);
            return row;
        }
        CreatioSync fresh = new CreatioSync();
        fresh.entityType = type.wire();
        fresh.localId = localId;
        fresh.syncStatus(SyncStatus.PENDING);
        return fresh;
    }

    /** Whether a command of this record is with a worker or waiting for its retry time. */
    static boolean inFlight(CreatioSync row) {
        SyncStatus status = row.syncStatus();
        return status == SyncStatus.IN_PROGRESS || (status == SyncStatus.PENDING && row.nextRetryAt != null);
    }

    private NiaRecord load(CreatioSync row) {
        EntityType type = EntityType.fromWire(row.entityType);
        return records.supports(type) ? records.of(type).load(row.localId).orElse(null) : null;
    }

    /** The NIA record no longer exists (NIA deletes are soft, so only a purge does this): nothing left to sync. */
    private static Planned gone(CreatioSync row) {
        Log.warnf("%s %s has sync state but no NIA record: skipped", row.entityType, row.localId);
        row.syncStatus(SyncStatus.SKIPPED);
        row.pendingCommandId = null;
        row.nextRetryAt = null;
        row.replanRequested = false;
        row.updatedAt = Instant.now();
        return Planned.SKIPPED;
    }

    private static Lane lane(CreatioSync row) {
        return row.lane == null ? Lane.REALTIME : Lane.fromWire(row.lane);
    }

    /** Whether a stored hash (with or without its {@code sha256:} prefix) is {@code hash}. */
    public static boolean sameHash(String stored, String hash) {
        if (stored == null) {
            return false;
        }
        String bare = stored.startsWith("sha256:") ? stored.substring("sha256:".length()) : stored;
        return bare.equalsIgnoreCase(hash);
    }

    /**
     * The values both sides last agreed on (Creatio columns), or null before the first sync: a value-mapped field whose
     * agreed Creatio code still means NIA's value keeps that code (Creatio's stage "Distribution" stays while NIA says
     * "qualified"), so a round trip never moves it.
     */
    public static Map<String, Object> agreed(CreatioSync row) {
        return row == null || row.baseSnapshot == null ? null : row.baseSnapshot.values();
    }

    /** Canonical values (as {@link CanonicalValues#canonical(Object)}), keeping empty ones as explicit nulls. */
    public static Map<String, Object> canonicalKeepingNulls(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, CanonicalValues.canonical(v)));
        return out;
    }

    /** Canonical values as JSON scalars (instants as ISO text), for a JSONB column. */
    static Map<String, Object> jsonScalars(Map<String, ?> canonical) {
        Map<String, Object> out = new LinkedHashMap<>();
        canonical.forEach((k, v) -> out.put(k, v instanceof Instant ? v.toString() : v));
        return out;
    }

    private String currentUser() {
        try {
            if (identity.isResolvable()) {
                SecurityIdentity who = identity.get();
                return who.isAnonymous() ? null : who.getPrincipal().getName();
            }
        } catch (RuntimeException noRequest) {
            // no request context (consumer, scheduler): nobody to name
        }
        return null;
    }
}
