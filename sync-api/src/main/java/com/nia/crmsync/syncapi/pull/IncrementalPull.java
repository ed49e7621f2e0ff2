package com.nia.crmsync.syncapi.pull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import com.nia.crmsync.messaging.outbox.Outbox;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.CreatioSnapshot;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.PullPage;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.pull.PullPaging;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.PulledPage;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.deletes.Deletions;
import com.nia.crmsync.syncapi.planning.Inclusion;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.records.NiaRecord;
import com.nia.crmsync.syncapi.records.RecordAccess;
import com.nia.crmsync.syncapi.records.RecordAccesses;
import com.nia.crmsync.syncapi.records.SyncStatus;

/**
 * The incremental pull, {@code sync-api}'s side: it schedules each entity type's pull on its
 * configured interval and keeps the watermark ({@code pull_watermark}); a worker reads each page
 * ({@code pull_page} command) and answers with the records.
 * <ul>
 * <li><b>One replica</b>: a pull is asked for only by the transaction holding the entity's
 * watermark row ({@code FOR UPDATE SKIP LOCKED}), and at most one page per type is in flight.</li>
 * <li><b>A page is applied set-based</b> (leads, contacts): its links, NIA records and sync states
 * are read and locked with one query each, and each record is classified ({@link PullTriage}). A
 * record whose mapped values hash to the stored {@code creatio_hash} is what we last agreed on (an
 * echo of our own write, or an overlap duplicate): nothing. A linked record NIA did not change since
 * the last sync, and an unknown one NIA creates from the page, is merged here with the worker's own
 * merge and, when that merge writes nothing to Creatio and leaves nothing open, applied directly —
 * NIA's values, the new base, the sync log and the result metrics — with no command. The NIA writes
 * and new sync states go to the database in JDBC batches at one flush. Everything else (an NIA change
 * to merge, a Creatio write, a collision, a command in flight, an unknown record matching an NIA record
 * by its link rule) is planned on the bulk lane with the page's values as its Creatio snapshot, so the
 * worker merges without reading it again. Activities keep the per-record path ({@link ActivityImport}).</li>
 * <li><b>The watermark</b> moves, in the transaction that put the page's commands into the outbox,
 * to the page's last {@code ModifiedOn} truncated to the microsecond. <b>Pages are pipelined</b>: the
 * next page of a full page is asked for, in a transaction of its own, before the page in hand is
 * applied, so a worker reads it while this one is applied; the page in hand is kept as
 * {@code applying_command_id} until its application commits, and a next page arriving while an earlier
 * one was never applied ends the cycle (the next one reads from the watermark again) rather than move
 * the watermark past records never applied.</li>
 * <li><b>Deletions held</b> by the breaker whose records a page holds were not deletions: they leave
 * the pending list as the reconciliation's listing would take them off ({@link Deletions#reappeared}).</li>
 * </ul>
 */
@ApplicationScoped
public class IncrementalPull {

    /** Who applied a pulled record without a worker, as its sync-log line and result name it. */
    static final String HANDLED_BY = "sync-api (pull)";

    private final EntityManager em;
    private final PullWatermarkRepository watermarks;
    private final ConfigurationService configuration;
    private final Outbox outbox;
    private final SyncPlanner planner;
    private final CreatioSyncRepository syncs;
    private final RecordAccesses records;
    private final PullConfig config;
    private final Deletions deletions;

    private final ActivityImport activityImport;
    private final DirectApplications applications;

    public IncrementalPull(EntityManager em, PullWatermarkRepository watermarks, ConfigurationService configuration, Outbox outbox,
            SyncPlanner planner, CreatioSyncRepository syncs, RecordAccesses records, PullConfig config, Deletions deletions,
            ActivityImport activityImport, DirectApplications applications) {
        this.applications = applications;
        this.deletions = deletions;
        this.activityImport = activityImport;
        this.em = em;
        this.watermarks = watermarks;
        this.configuration = configuration;
        this.outbox = outbox;
        this.planner = planner;
        this.syncs = syncs;
        this.records = records;
        this.config = config;
    }

    /**
     * What one pulled page did: its records, the commands it planned (records created in NIA and
     * planned count here too), echoes, records created in NIA, records applied without a command,
     * the watermark and whether a next page was asked for.
     */
    public record PageApplied(int records, int commands, int echoes, int created, Instant watermark, boolean nextPage,
            int direct) {
    }

    @Scheduled(every = "${sync-api.pull.every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            pullDue();
        } catch (RuntimeException e) {
            Log.warnf("Pull scheduler run failed (next run retries): %s", e.getMessage());
        }
    }

    /** Asks for the first page of every entity type whose pull is due; returns the types asked for. */
    public List<EntityType> pullDue() {
        ConfigRecord current = configuration.current();
        CreatioConfiguration cfg = current.configuration();
        List<EntityType> asked = new ArrayList<>();
        if (!cfg.flags().pullEnabled()) {
            return asked;
        }
        for (EntityMapping mapping : cfg.entities()) {
            if (mapping.pullIntervalSeconds() > 0 && records.pulled(mapping.entityType())
                    && QuarkusTransaction.requiringNew().call(() -> startIfDue(mapping.entityType()))) {
                asked.add(mapping.entityType());
            }
        }
        return asked;
    }

    /**
     * Starts a pull cycle of {@code type} when it is due and this transaction holds its watermark row
     * (another replica holding it makes this one skip); returns whether a page was asked for.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean startIfDue(EntityType type) {
        return start(type, true, null) == Start.STARTED;
    }

    /** What asking for a pull cycle did. */
    public enum Start {
        /** The first page was asked for. */
        STARTED,
        /** A page of this type is with a worker (asked for less than the page timeout ago): the cycle runs on. */
        IN_FLIGHT,
        /** Another replica holds the watermark row right now. */
        HELD_ELSEWHERE,
        /** Not due yet (scheduled starts only). */
        NOT_DUE,
        /** The pull is off in the configuration ({@code flags.pullEnabled}) or the type is not pulled. */
        DISABLED;

        /** The wire name ({@code started}, {@code in_flight}, ...). */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Starts a pull cycle of {@code type}: when due ({@code onlyIfDue}, the schedule), or now (an
     * operator or a {@code sync_all}). {@code since}, when given, is where the cycle starts instead
     * of the watermark minus the overlap (an operator re-reading from a date, or skipping history
     * at a first install); the watermark never moves back because of it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Start start(EntityType type, boolean onlyIfDue, Instant since) {
        ConfigRecord current = configuration.current();
        EntityMapping mapping = current.configuration().mapping(type).orElse(null);
        if (mapping == null || !records.pulled(type) || !current.configuration().flags().pullEnabled()
                || (onlyIfDue && mapping.pullIntervalSeconds() <= 0)) {
            return Start.DISABLED;
        }
        PullWatermarkRepository.Lead row = watermarks.lockUnlessHeld(type).orElse(null);
        if (row == null) {
            return Start.HELD_ELSEWHERE; // another replica holds it: that one is the pull's leader right now
        }
        Instant now = Instant.now();
        Instant requestedAt = row.requestedAt();
        Instant nextPullAt = row.nextPullAt();
        if (row.inFlightCommandId() != null && requestedAt != null && requestedAt.isAfter(now.minus(config.pageTimeout()))) {
            return Start.IN_FLIGHT;
        }
        if (onlyIfDue && row.inFlightCommandId() == null && nextPullAt != null && nextPullAt.isAfter(now)) {
            return Start.NOT_DUE;
        }
        Instant from = since != null ? since : PullPaging.cycleStart(row.watermark(), config.overlap());
        if (since == null && row.watermark() == null && !records.mirrored(type)) {
            // a type NIA does not mirror (activities): its history stays in Creatio, the pull starts now
            from = now;
            watermarks.setWatermark(type, now);
        }
        watermarks.applying(type, null);
        askForPage(current, mapping, new PullPaging.Cursor(from, 0));
        return Start.STARTED;
    }

    /** One entity type's pull state, as {@code GET /api/v1/crm/sync/pull/} shows it. */
    public record PullState(EntityType entityType, Instant watermark, boolean inFlight, Instant requestedAt, Instant nextPullAt,
            Instant lastCycleAt, long pages, long recordsPulled, long commandsPlanned, long echoesSkipped, long recordsCreated) {
    }

    /** Every entity type's pull state (types never pulled are absent). */
    @Transactional
    public List<PullState> states() {
        return watermarks.states();
    }

    /** Applies the answer to a {@code pull_page} command (in the result's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public PageApplied apply(Envelope<SyncResult> envelope) {
        SyncResult r = envelope.payload();
        EntityType type = r.entity().entityType();
        askAhead(r, type);
        PullWatermarkRepository.InFlight row = watermarks.lock(type).orElse(null);
        boolean askedAhead = row != null && Objects.equals(row.applyingCommandId(), r.commandId());
        if (row == null || !askedAhead && !Objects.equals(row.inFlightCommandId(), r.commandId())) {
            Log.debugf("Pull page %s of %s is not the one in flight: ignored", r.commandId(), type.wire());
            return new PageApplied(0, 0, 0, 0, null, false, 0);
        }
        Instant watermark = row.watermark();
        ConfigRecord current = configuration.current();
        EntityMapping mapping = current.configuration().mapping(type).orElse(null);
        if (!askedAhead && row.applyingCommandId() != null) {
            // the page before this one was never applied (its answer was given up): moving the watermark past it
            // would skip its records, so the cycle ends and the next one reads from the watermark again
            Log.warnf("Pull page %s of %s was never applied: the cycle starts over", row.applyingCommandId(), type.wire());
            watermarks.failed(type, Instant.now().plusSeconds(mapping == null ? 60 : mapping.pullIntervalSeconds()));
            return new PageApplied(0, 0, 0, 0, watermark, false, 0);
        }
        PulledPage page = r.pulledPage();
        if (page == null || mapping == null) {
            // a failed page: the cycle ends; the next one starts from the watermark (minus the overlap) after the interval
            Log.warnf("Pull of %s failed (%s): next cycle after the interval", type.wire(),
                    r.failure() == null ? r.outcome().wire() : r.failure().message());
            watermarks.failed(type, Instant.now().plusSeconds(mapping == null ? 60 : mapping.pullIntervalSeconds()));
            return new PageApplied(0, 0, 0, 0, watermark, false, 0);
        }
        Tally tally = new Tally();
        Instant readAt = Instant.now();
        // a record held as deleted in Creatio and pulled now exists there: it leaves the pending list
        deletions.reappeared(type, page.records().stream().map(PulledPage.Record::id).toList(), "pull");
        List<PulledPage.Record> perRecord = activityImport.reads(type) ? page.records()
                : applySetBased(envelope, type, mapping, current, page.records(), readAt, tally);
        for (PulledPage.Record record : perRecord) {
            tally.count(handle(type, mapping, current.configuration(), record, readAt, tally));
            // Each native query flushes, and a flush dirty-checks every managed entity (JSON columns by
            // serialising them): without this a page of n records costs O(n^2) and 200 leads passed the
            // 60-s transaction timeout. The record's rows are written; nothing below needs them managed.
            em.flush();
            em.clear();
        }
        int commands = tally.commands;
        int echoes = tally.echoes;
        int created = tally.created;
        List<Instant> modified = page.records().stream().map(PulledPage.Record::modifiedOn).filter(Objects::nonNull).toList();
        Instant next = PullPaging.advance(watermark, modified);
        // asked for ahead: the next page is already with a worker
        UUID nextCommand = askedAhead ? row.inFlightCommandId() : null;
        if (!askedAhead && page.mayHaveMore()) {
            nextCommand = askForPage(current, mapping, PullPaging.next(page.since(), page.skip(), modified));
        }
        // when no page follows, the cycle is over: the next one starts after the entity's interval
        watermarks.pageApplied(type, next, new PullWatermarkRepository.PageCounts(page.records().size(), commands, echoes, created),
                nextCommand == null ? Instant.now().plusSeconds(mapping.pullIntervalSeconds()) : null);
        Log.debugf("Pulled %d %s record(s): %d command(s), %d echo(es), %d created; watermark %s", page.records().size(),
                type.wire(), commands, echoes, created, next);
        return new PageApplied(page.records().size(), commands, echoes, created, next, nextCommand != null, tally.direct);
    }

    /**
     * Pipelined pages: the next page of a full page is asked for, and committed, before the page in
     * hand is applied, so a worker reads it meanwhile. The page in hand is then recorded as being
     * applied ({@code applying_command_id}); its application (maybe retried) finds it there.
     */
    private void askAhead(SyncResult r, EntityType type) {
        PulledPage page = r.pulledPage();
        if (page == null || !page.mayHaveMore()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            PullWatermarkRepository.InFlight row = watermarks.lock(type).orElse(null);
            ConfigRecord current = configuration.current();
            EntityMapping mapping = current.configuration().mapping(type).orElse(null);
            if (row == null || mapping == null || !Objects.equals(row.inFlightCommandId(), r.commandId())
                    || row.applyingCommandId() != null) {
                return;
            }
            List<Instant> modified = page.records().stream().map(PulledPage.Record::modifiedOn).filter(Objects::nonNull).toList();
            askForPage(current, mapping, PullPaging.next(page.since(), page.skip(), modified));
            watermarks.applying(type, r.commandId());
        });
    }

    private enum Handled { COMMAND, CREATED, ECHO, SKIPPED }

    /** A page's counts. */
    private static final class Tally {
        int commands;
        int echoes;
        int created;
        int direct;
        /** The page's unlinked NIA activities by their allocated Creatio id, read once the page needs them. */
        Map<UUID, CreatioSyncRepository.RecordRef> unlinkedActivities;

        void count(Handled h) {
            commands += h == Handled.COMMAND || h == Handled.CREATED ? 1 : 0;
            echoes += h == Handled.ECHO ? 1 : 0;
            created += h == Handled.CREATED ? 1 : 0;
        }
    }

    /** A record the set-based pass leaves to the planner: its NIA id, whether NIA just created it, and its pulled values. */
    private record ToPlan(UUID localId, boolean created, PulledPage.Record pulled, Map<String, Object> values) {
    }

    /** A record the set-based pass applies itself: its sync state (null when NIA just created the record) and the merge. */
    private record ToApply(UUID localId, CreatioSync row, PulledPage.Record pulled, Map<String, Object> niaMapped,
            PullTriage.Direct direct) {
    }

    /**
     * Applies a page of a mirrored type set-based (see the class comment) and returns the records left
     * to the per-record path: unknown records their link rule matches to an NIA record (linked there,
     * never duplicated) and the repeats of an id within the page.
     */
    private List<PulledPage.Record> applySetBased(Envelope<SyncResult> envelope, EntityType type, EntityMapping mapping,
            ConfigRecord current, List<PulledPage.Record> pulled, Instant readAt, Tally tally) {
        CreatioConfiguration cfg = current.configuration();
        RecordAccess access = records.of(type);
        boolean pullOnly = !cfg.flags().pushEnabled();
        List<PulledPage.Record> perRecord = new ArrayList<>();
        Map<UUID, PulledPage.Record> byId = new LinkedHashMap<>();
        for (PulledPage.Record r : pulled) {
            if (byId.putIfAbsent(r.id(), r) != null) {
                perRecord.add(r);
            }
        }
        Map<UUID, Map<String, Object>> values = new LinkedHashMap<>();
        byId.forEach((id, r) -> values.put(id, new TreeMap<>(CanonicalValues.canonical(r.values()))));
        Map<UUID, UUID> linked = syncs.linkedTo(type, byId.keySet());
        Set<UUID> matching = matchingByLinkRule(type, mapping, values, linked);
        // the NIA records first, then their sync states: the order an edit and a result take them in
        Map<UUID, NiaRecord> niaRecords = access.lockAll(linked.values());
        Map<UUID, CreatioSync> rows = syncs.lockAll(type, linked.values());
        Instant now = Instant.now();
        List<ToPlan> toPlan = new ArrayList<>();
        List<ToApply> toApply = new ArrayList<>();
        for (PulledPage.Record r : byId.values()) {
            Map<String, Object> v = values.get(r.id());
            UUID localId = linked.get(r.id());
            if (localId == null) {
                if (matching.contains(r.id())) {
                    perRecord.add(r);
                    continue;
                }
                NiaRecord created = access.createLater(inbound(mapping, v));
                // mapped against the values it was created from: a stage the status map reads many-to-one (Distribution
                // is "qualified", whose own stage is Handoff to sales) stays the page's, not a first-sync collision
                Map<String, Object> niaMapped = SyncPlanner.canonicalKeepingNulls(FieldMapper.toCreatio(mapping, created.fields(), v));
                PullTriage.Direct direct = Inclusion.includes(mapping.include(), created.fields())
                        ? PullTriage.direct(mapping, pullOnly, null, niaMapped, SyncPlanner.canonicalKeepingNulls(created.fields()), v,
                                created.updatedAt(), r.modifiedOn(), now)
                        : null;
                if (direct == null) {
                    toPlan.add(new ToPlan(created.id(), true, r, v));
                } else {
                    toApply.add(new ToApply(created.id(), null, r, niaMapped, direct));
                }
                continue;
            }
            NiaRecord record = niaRecords.get(localId);
            CreatioSync row = rows.get(localId);
            if (record == null || row == null) {
                perRecord.add(r);
                continue;
            }
            if (readBeforeLastAgreement(row, r)) {
                tally.echoes++;
                continue;
            }
            Map<String, Object> niaMapped = SyncPlanner.canonicalKeepingNulls(
                    FieldMapper.toCreatio(mapping, record.fields(), SyncPlanner.agreed(row)));
            PullTriage.Known known = new PullTriage.Known(row.creatioHash, row.localHash, settled(row, record, mapping));
            PullTriage.Kind kind = PullTriage.classify(known, hashOf(mapping, v), CanonicalHash.of(niaMapped));
            if (kind == PullTriage.Kind.ECHO) {
                tally.echoes++;
                continue;
            }
            PullTriage.Direct direct = kind == PullTriage.Kind.DIRECT
                    ? PullTriage.direct(mapping, pullOnly, SyncPlanner.agreed(row), niaMapped,
                            SyncPlanner.canonicalKeepingNulls(record.fields()), v, record.updatedAt(), r.modifiedOn(), now)
                    : null;
            if (direct == null) {
                toPlan.add(new ToPlan(localId, false, r, v));
                continue;
            }
            if (!direct.niaUpdates().isEmpty()) {
                access.updateLater(localId, direct.niaUpdates());
            }
            toApply.add(new ToApply(localId, row, r, niaMapped, direct));
        }
        // the page's NIA inserts and updates, in JDBC batches
        em.flush();
        // the sync states first, then their log lines: each kind in JDBC batches (consecutive inserts of one table)
        List<Envelope<SyncResult>> agreed = new ArrayList<>(toApply.size());
        for (ToApply a : toApply) {
            agreed.add(agree(envelope, type, current, access, a, now));
        }
        for (Envelope<SyncResult> result : agreed) {
            applications.applied(result, Duration.between(readAt, Instant.now()));
        }
        em.flush();
        em.clear();
        for (ToPlan p : toPlan) {
            tally.count(planPulled(type, cfg, p.localId(), p.created(), p.created(), p.pulled(), p.values(), readAt));
            em.flush();
            em.clear();
        }
        tally.direct += toApply.size();
        tally.created += (int) toApply.stream().filter(a -> a.row() == null).count();
        return perRecord;
    }

    /**
     * Whether the page shows the record as Creatio held it no later than the state its last agreement
     * already merged ({@code creatio_modified_on}, the {@code ModifiedOn} the worker read). Such a page was
     * read before that agreement's result was applied (its page and the result cross on different
     * partitions): applied, it would put Creatio's older values over the agreed ones in NIA, or, sent to
     * the worker as its snapshot, look like a Creatio edit back to them. Creatio changes nothing without
     * moving {@code ModifiedOn}, so anything newer comes in a later page. The short chaos run saw an NIA
     * title go back for a few seconds that way.
     */
    static boolean readBeforeLastAgreement(CreatioSync row, PulledPage.Record pulled) {
        // at PostgreSQL's precision: Creatio's ModifiedOn has 100-ns ticks, the stored one microseconds — a page of
        // 06:00:10.8026162 is the state stored as 06:00:10.802616, not a newer one (CI's short chaos run: two NIA titles went back)
        return row.creatioModifiedOn != null && pulled.modifiedOn() != null
                && !pulled.modifiedOn().truncatedTo(ChronoUnit.MICROS).isAfter(row.creatioModifiedOn.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Whether the record is settled: synced, nothing open, nothing in flight or asked for again, the
     * NIA record neither deleted nor left out by the inclusion filter. Only such a record is applied directly.
     */
    private static boolean settled(CreatioSync row, NiaRecord record, EntityMapping mapping) {
        return row.syncStatus() == SyncStatus.SYNCED && row.openFields.isEmpty() && row.pendingCommandId == null
                && !row.replanRequested && row.creatioDeletedAt == null && !record.deleted()
                && Inclusion.includes(mapping.include(), record.fields());
    }

    /**
     * Stores what a direct application agreed on, as a worker's {@code synced}/{@code no_change}
     * result would: the link, the base and its hashes, the versions; returns that result for its sync-log line and metrics.
     */
    private Envelope<SyncResult> agree(Envelope<SyncResult> page, EntityType type, ConfigRecord current, RecordAccess access, ToApply a,
            Instant now) {
        PullTriage.Direct direct = a.direct();
        NiaRecord record = access.load(a.localId()).orElseThrow();
        CreatioSync row = a.row();
        if (row == null) {
            row = new CreatioSync();
            row.entityType = type.wire();
            row.localId = a.localId();
            row.createdAt = now;
        }
        Outcome outcome = direct.changesNia() ? Outcome.SYNCED : Outcome.NO_CHANGE;
        row.creatioId = a.pulled().id();
        row.baseSnapshot = direct.base();
        row.localHash = direct.base().niaHash();
        row.creatioHash = direct.base().creatioHash();
        row.syncStatus(SyncStatus.SYNCED);
        row.direction = current.configuration().flags().pushEnabled() ? SyncPlanner.Way.BOTH.wire() : SyncPlanner.Way.FROM_CREATIO.wire();
        row.lane = Lane.BULK.wire();
        row.retryCount = 0;
        row.nextRetryAt = null;
        row.lastSyncedAt = now;
        row.lastError = null;
        row.deadLetteredAt = null;
        row.lastOutcome = outcome.wire();
        row.creatioModifiedOn = a.pulled().modifiedOn() != null ? a.pulled().modifiedOn() : row.creatioModifiedOn;
        row.pendingCommandId = null;
        row.freshCommand = false;
        row.localVersion = record.version();
        row.syncedVersion = record.version();
        row.updatedAt = now;
        if (a.row() == null) {
            syncs.persist(row);
        }
        EntityKey key = new EntityKey(type, a.localId(), a.pulled().id());
        SyncCommand applied = SyncCommand.builder(key, Operation.UPDATE, Lane.BULK, current.version())
                .nia(a.niaMapped(), record.updatedAt(), record.version()).build();
        Envelope<Command> command = Envelope.command(applied, page.correlationId());
        SyncResult result = SyncResult.answering(applied, outcome, HANDLED_BY)
                .action(direct.changesNia() ? Action.UPDATE : Action.NO_OP).entity(key).changes(direct.changes())
                .pulledValues(direct.changesNia() ? direct.toNia() : null).newBase(direct.base())
                .creatioModifiedOn(a.pulled().modifiedOn()).openFields(List.of()).build();
        return Envelope.result(command, result);
    }

    /** The NIA fields of a record created from Creatio's values: only the columns that flow from Creatio to NIA. */
    private static Map<String, Object> inbound(EntityMapping mapping, Map<String, Object> values) {
        Map<String, Object> inbound = new TreeMap<>();
        FieldMapper.rules(mapping).forEach((column, rule) -> {
            if (rule.direction() == Direction.BOTH || rule.direction() == Direction.FROM_CREATIO) {
                inbound.put(column, values.get(column));
            }
        });
        return FieldMapper.toNia(mapping, inbound, Map.of()).updates();
    }

    /**
     * The Creatio ids of the page's unknown records whose link-rule value (email) matches at least one
     * NIA record not linked yet, in one query: the per-record path links or creates them as before.
     */
    private Set<UUID> matchingByLinkRule(EntityType type, EntityMapping mapping, Map<UUID, Map<String, Object>> values,
            Map<UUID, UUID> linked) {
        Set<UUID> out = new HashSet<>();
        if (mapping.linkBy() == null || mapping.linkBy().emailColumn() == null) {
            return out;
        }
        Map<String, List<UUID>> byEmail = new LinkedHashMap<>();
        values.forEach((id, v) -> {
            Object email = v.get(mapping.linkBy().emailColumn());
            if (!linked.containsKey(id) && email != null && !email.toString().isBlank()) {
                byEmail.computeIfAbsent(email.toString().strip().toLowerCase(Locale.ROOT), e -> new ArrayList<>()).add(id);
            }
        });
        if (byEmail.isEmpty()) {
            return out;
        }
        String table = type == EntityType.LEAD ? "lead" : "contact";
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("SELECT DISTINCT lower(trim(r.email)) FROM " + table + " r "
                + "WHERE lower(trim(r.email)) = ANY(CAST(?1 AS text[])) AND NOT r.deleted AND NOT EXISTS (SELECT 1 FROM creatio_sync s "
                + "WHERE s.entity_type = ?2 AND s.local_id = r.id AND s.creatio_id IS NOT NULL)", String.class)
                .setParameter(1, byEmail.keySet().toArray(new String[0])).setParameter(2, type.wire()).getResultList();
        found.forEach(email -> out.addAll(byEmail.getOrDefault(email, List.of())));
        return out;
    }

    private Handled handle(EntityType type, EntityMapping mapping, CreatioConfiguration cfg, PulledPage.Record pulled,
            Instant readAt, Tally tally) {
        Map<String, Object> values = new TreeMap<>(CanonicalValues.canonical(pulled.values()));
        boolean activities = activityImport.reads(type);
        CreatioSync row = activities
                ? syncs.find("entityType in ?1 and creatioId = ?2", ActivityImport.TYPES, pulled.id()).firstResult()
                : syncs.find("entityType = ?1 and creatioId = ?2", type.wire(), pulled.id()).firstResult();
        // our own create, in Creatio before its result was applied
        CreatioSyncRepository.RecordRef own = row == null && activities ? ownCreate(pulled.id(), tally) : null;
        boolean created = false;
        boolean linkNow = false;
        UUID localId;
        if (row != null) {
            // an activity row may be a meeting: its own mapping says what was agreed
            type = EntityType.fromWire(row.entityType);
            EntityMapping rowMapping = cfg.mapping(type).orElse(mapping);
            if (SyncPlanner.sameHash(row.creatioHash, hashOf(rowMapping, values)) || readBeforeLastAgreement(row, pulled)) {
                // what we last agreed on: an echo of our own write, or an overlap duplicate; or older than that
                return Handled.ECHO;
            }
            localId = row.localId;
        } else if (own != null) {
            // linked to its NIA record, never imported as a second one (a command in flight plans it again after
            // its result, reading Creatio then)
            type = own.type();
            localId = own.localId();
            linkNow = true;
        } else if (activities) {
            // an activity created in Creatio: imported when it belongs to a synced lead or contact, else left alone
            ActivityImport.Imported imported = activityImport.importRow(cfg, pulled.id(), values);
            if (imported == null) {
                return Handled.SKIPPED;
            }
            type = imported.type();
            localId = imported.id();
            created = true;
            linkNow = true;
        } else {
            localId = matchByLinkRule(type, mapping, values);
            if (localId == null) {
                // only the columns that flow from Creatio to NIA; the worker's first merge settles the rest
                localId = records.of(type).create(inbound(mapping, values)).id();
                created = true;
            }
            linkNow = true;
        }
        return planPulled(type, cfg, localId, linkNow, created, pulled, values, readAt);
    }

    /** The unlinked NIA activity created in Creatio under this allocated id; null when none. */
    private CreatioSyncRepository.RecordRef ownCreate(UUID creatioId, Tally tally) {
        if (tally.unlinkedActivities == null) {
            tally.unlinkedActivities = syncs.unlinkedByAllocatedId(ActivityImport.TYPES.stream().map(EntityType::fromWire).toList());
        }
        return tally.unlinkedActivities.get(creatioId);
    }

    /**
     * Plans a pulled record on the bulk lane with the page's values as its Creatio snapshot; a record
     * not linked yet ({@code linkNow}: NIA has just created it, or its link rule matched it) is linked
     * to the Creatio id first.
     */
    private Handled planPulled(EntityType type, CreatioConfiguration cfg, UUID localId, boolean linkNow, boolean created,
            PulledPage.Record pulled, Map<String, Object> values, Instant readAt) {
        if (linkNow) {
            CreatioSync link = planner.lockRecordThenState(type, localId);
            link.creatioId = pulled.id();
            link.updatedAt = Instant.now();
        }
        SyncPlanner.Way way = cfg.flags().pushEnabled() ? SyncPlanner.Way.BOTH : SyncPlanner.Way.FROM_CREATIO;
        SyncPlanner.Planned planned = planner.plan(new SyncPlanner.Request(type, localId, Lane.BULK, null, way, true, false,
                new CreatioSnapshot(values, pulled.modifiedOn(), readAt, false)));
        if (planned == SyncPlanner.Planned.SKIPPED || planned == SyncPlanner.Planned.HELD) {
            return created ? Handled.CREATED : Handled.SKIPPED;
        }
        return created ? Handled.CREATED : Handled.COMMAND;
    }

    /** The canonical hash of a record's mapped Creatio columns, as the worker stores it in the base. */
    static String hashOf(EntityMapping mapping, Map<String, Object> values) {
        Map<String, Object> mapped = new TreeMap<>();
        for (String column : FieldMapper.rules(mapping).keySet()) {
            mapped.put(column, values.get(column));
        }
        return CanonicalHash.of(mapped);
    }

    /** The one NIA record, not yet linked, whose email equals the Creatio record's link column; null when none or several. */
    private UUID matchByLinkRule(EntityType type, EntityMapping mapping, Map<String, Object> values) {
        if (mapping.linkBy() == null || mapping.linkBy().emailColumn() == null) {
            return null;
        }
        Object email = values.get(mapping.linkBy().emailColumn());
        if (email == null || email.toString().isBlank()) {
            return null;
        }
        String table = type == EntityType.LEAD ? "lead" : "contact";
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT r.id FROM " + table + " r WHERE lower(trim(r.email)) = lower(trim(?1)) "
                + "AND NOT r.deleted AND NOT EXISTS (SELECT 1 FROM creatio_sync s WHERE s.entity_type = ?2 "
                + "AND s.local_id = r.id AND s.creatio_id IS NOT NULL) ORDER BY r.id LIMIT 2", UUID.class)
                .setParameter(1, email.toString()).setParameter(2, type.wire()).getResultList();
        return ids.size() == 1 ? ids.get(0) : null;
    }

    private UUID askForPage(ConfigRecord current, EntityMapping mapping, PullPaging.Cursor cursor) {
        int top = Math.min(current.configuration().batchSizes().pullPageSize(), CreatioConfiguration.MAX_PAGE_ROWS);
        SyncCommand command = SyncCommand.builder(PullPaging.pullKey(mapping.entityType()), Operation.PULL_PAGE, Lane.BULK,
                current.version()).pullPage(new PullPage(mapping.entitySet(), cursor.since(), top, cursor.skip())).build();
        outbox.enqueue(Lane.BULK.topic(), Envelope.command(command, command.commandId()));
        watermarks.asked(mapping.entityType(), command.commandId(), cursor);
        return command.commandId();
    }
}
