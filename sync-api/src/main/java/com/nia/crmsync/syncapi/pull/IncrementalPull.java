package com.nia.crmsync.syncapi.pull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import com.nia.crmsync.messaging.outbox.Outbox;
import com.nia.crmsync.model.command.CreatioSnapshot;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.PullPage;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.pull.PullPaging;
import com.nia.crmsync.model.result.PulledPage;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.deletes.Deletions;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.records.RecordAccesses;

/**
 * The incremental pull, {@code sync-api}'s side: it schedules each entity type's pull on its
 * configured interval and keeps the watermark ({@code pull_watermark}); a worker reads each page
 * ({@code pull_page} command) and answers with the records.
 * <ul>
 * <li><b>One replica</b>: a pull is asked for only by the transaction holding the entity's
 * watermark row ({@code FOR UPDATE SKIP LOCKED}), and at most one page per type is in flight.</li>
 * <li><b>Per pulled record</b>: a record whose mapped values hash to the stored
 * {@code creatio_hash} is what we last agreed on (an echo of our own write, or an overlap
 * duplicate): no command. A linked one is planned on the bulk lane with the page's values as its
 * Creatio snapshot, so the worker merges without reading it again. An unknown one is linked to the
 * NIA record its link rule matches, else created in NIA, and planned the same way.</li>
 * <li><b>The watermark</b> moves, in the transaction that put the page's commands into the outbox,
 * to the page's last {@code ModifiedOn} truncated to the microsecond; the next page is asked for in
 * the same transaction until the page was not full.</li>
 * <li><b>Deletions held</b> by the breaker whose records a page holds were not deletions: they leave
 * the pending list as the reconciliation's listing would take them off ({@link Deletions#reappeared}).</li>
 * </ul>
 */
@ApplicationScoped
public class IncrementalPull {

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

    public IncrementalPull(EntityManager em, PullWatermarkRepository watermarks, ConfigurationService configuration, Outbox outbox,
            SyncPlanner planner, CreatioSyncRepository syncs, RecordAccesses records, PullConfig config, Deletions deletions,
            ActivityImport activityImport) {
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

    /** What one pulled page did. */
    public record PageApplied(int records, int commands, int echoes, int created, Instant watermark, boolean nextPage) {
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
                    && io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> startIfDue(mapping.entityType()))) {
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
        PullWatermarkRepository.InFlight row = watermarks.lock(type).orElse(null);
        if (row == null || !Objects.equals(row.inFlightCommandId(), r.commandId())) {
            Log.debugf("Pull page %s of %s is not the one in flight: ignored", r.commandId(), type.wire());
            return new PageApplied(0, 0, 0, 0, null, false);
        }
        Instant watermark = row.watermark();
        ConfigRecord current = configuration.current();
        EntityMapping mapping = current.configuration().mapping(type).orElse(null);
        PulledPage page = r.pulledPage();
        if (page == null || mapping == null) {
            // a failed page: the cycle ends; the next one starts from the watermark (minus the overlap) after the interval
            Log.warnf("Pull of %s failed (%s): next cycle after the interval", type.wire(),
                    r.failure() == null ? r.outcome().wire() : r.failure().message());
            watermarks.failed(type, Instant.now().plusSeconds(mapping == null ? 60 : mapping.pullIntervalSeconds()));
            return new PageApplied(0, 0, 0, 0, watermark, false);
        }
        int commands = 0;
        int echoes = 0;
        int created = 0;
        Instant readAt = Instant.now();
        // a record held as deleted in Creatio and pulled now exists there: it leaves the pending list
        deletions.reappeared(type, page.records().stream().map(PulledPage.Record::id).toList(), "pull");
        for (PulledPage.Record record : page.records()) {
            Handled h = handle(type, mapping, current.configuration(), record, readAt);
            commands += h == Handled.COMMAND || h == Handled.CREATED ? 1 : 0;
            echoes += h == Handled.ECHO ? 1 : 0;
            created += h == Handled.CREATED ? 1 : 0;
            // Each native query flushes, and a flush dirty-checks every managed entity (JSON columns by
            // serialising them): without this a page of n records costs O(n^2) and 200 leads passed the
            // 60-s transaction timeout. The record's rows are written; nothing below needs them managed.
            em.flush();
            em.clear();
        }
        List<Instant> modified = page.records().stream().map(PulledPage.Record::modifiedOn).filter(Objects::nonNull).toList();
        Instant next = PullPaging.advance(watermark, modified);
        UUID nextCommand = null;
        if (page.mayHaveMore()) {
            nextCommand = askForPage(current, mapping, PullPaging.next(page.since(), page.skip(), modified));
        }
        // when no page follows, the cycle is over: the next one starts after the entity's interval
        watermarks.pageApplied(type, next, new PullWatermarkRepository.PageCounts(page.records().size(), commands, echoes, created),
                nextCommand == null ? Instant.now().plusSeconds(mapping.pullIntervalSeconds()) : null);
        Log.debugf("Pulled %d %s record(s): %d command(s), %d echo(es), %d created; watermark %s", page.records().size(),
                type.wire(), commands, echoes, created, next);
        return new PageApplied(page.records().size(), commands, echoes, created, next, nextCommand != null);
    }

    private enum Handled { COMMAND, CREATED, ECHO, SKIPPED }

    private Handled handle(EntityType type, EntityMapping mapping, CreatioConfiguration cfg, PulledPage.Record pulled,
            Instant readAt) {
        Map<String, Object> values = new TreeMap<>(CanonicalValues.canonical(pulled.values()));
        boolean activities = activityImport.reads(type);
        CreatioSync row = activities
                ? syncs.find("entityType in ?1 and creatioId = ?2", ActivityImport.TYPES, pulled.id()).firstResult()
                : syncs.find("entityType = ?1 and creatioId = ?2", type.wire(), pulled.id()).firstResult();
        boolean created = false;
        UUID localId;
        if (row != null) {
            // an activity row may be a meeting: its own mapping says what was agreed
            type = EntityType.fromWire(row.entityType);
            EntityMapping rowMapping = cfg.mapping(type).orElse(mapping);
            if (SyncPlanner.sameHash(row.creatioHash, hashOf(rowMapping, values))) {
                // what we last agreed on: an echo of our own write, or an overlap duplicate
                return Handled.ECHO;
            }
            localId = row.localId;
        } else if (activities) {
            // an activity created in Creatio: imported when it belongs to a synced lead or contact, else left alone
            ActivityImport.Imported imported = activityImport.importRow(cfg, pulled.id(), values);
            if (imported == null) {
                return Handled.SKIPPED;
            }
            type = imported.type();
            localId = imported.id();
            created = true;
            CreatioSync link = planner.lockOrCreate(type, localId);
            link.creatioId = pulled.id();
            link.updatedAt = Instant.now();
        } else {
            localId = matchByLinkRule(type, mapping, values);
            if (localId == null) {
                // only the columns that flow from Creatio to NIA; the worker's first merge settles the rest
                Map<String, Object> inbound = new TreeMap<>();
                FieldMapper.rules(mapping).forEach((column, rule) -> {
                    if (rule.direction() == Direction.BOTH || rule.direction() == Direction.FROM_CREATIO) {
                        inbound.put(column, values.get(column));
                    }
                });
                Map<String, Object> fields = FieldMapper.toNia(mapping, inbound, Map.of()).updates();
                localId = records.of(type).create(fields).id();
                created = true;
            }
            CreatioSync link = planner.lockOrCreate(type, localId);
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
