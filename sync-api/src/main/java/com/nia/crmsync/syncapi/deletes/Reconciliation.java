package com.nia.crmsync.syncapi.deletes;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import com.nia.crmsync.messaging.outbox.Outbox;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ReconcilePage;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.ReconciledIds;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.records.RecordAccesses;

/**
 * The periodic id reconciliation, {@code sync-api}'s side: a hard delete in Creatio leaves nothing an
 * incremental pull could see, so every {@code reconcileIntervalSeconds} each entity type's Creatio
 * ids are read in pages (ids only) and compared with the links in {@code creatio_sync}.
 * <ol>
 * <li><b>Listing</b>: {@code reconcile} commands, one page at a time on the bulk lane; each page's ids
 * mark their links as seen in this cycle ({@code creatio_sync.seen_cycle}), and a record held by the
 * breaker that is listed again leaves the pending list.</li>
 * <li><b>Checking</b>: the links the listing did not see are read by id (one {@code reconcile}
 * command with the ids, at most {@code sync-api.reconcile.max-checked}); only ids Creatio answers as
 * missing are deletions. Offset paging can skip a record when another is deleted during the cycle;
 * the check makes sure such a record is never taken for a deletion.</li>
 * <li>The deletions go to {@link Deletions#found} (breaker, delete mode, tombstones).</li>
 * </ol>
 * One replica leads each type's cycle: the {@code reconcile_state} row ({@link ReconcileStateRepository}) is
 * locked {@code FOR UPDATE SKIP LOCKED}, and one command per type is in flight.
 */
@ApplicationScoped
public class Reconciliation {

    private final EntityManager em;
    private final ReconcileStateRepository states;
    private final ConfigurationService configuration;
    private final Outbox outbox;
    private final Deletions deletions;
    private final RecordAccesses records;
    private final ReconcileConfig config;

    public Reconciliation(EntityManager em, ReconcileStateRepository states, ConfigurationService configuration, Outbox outbox,
            Deletions deletions, RecordAccesses records, ReconcileConfig config) {
        this.em = em;
        this.states = states;
        this.configuration = configuration;
        this.outbox = outbox;
        this.deletions = deletions;
        this.records = records;
        this.config = config;
    }

    /** One entity type's reconciliation, as the API shows it. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record State(String entityType, UUID cycleId, String phase, Instant cycleStartedAt, int idsSeen,
            Instant nextReconcileAt, UUID lastCycleId, Instant lastCycleAt, Integer lastIdsSeen, Integer lastDeletedFound,
            String lastError) {
    }

    @Scheduled(every = "${sync-api.reconcile.every:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            for (EntityMapping mapping : configuration.current().configuration().entities()) {
                if (mapping.reconcileIntervalSeconds() > 0 && records.mirrored(mapping.entityType())) {
                    QuarkusTransaction.requiringNew().call(() -> start(mapping.entityType(), false));
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("Reconciliation scheduler run failed (next run retries): %s", e.getMessage());
        }
    }

    /**
     * Starts a cycle of {@code type} (when due, or now when {@code force}); returns the cycle in
     * progress — a new one, or the one already running — or null when none was started (not due,
     * another replica holds it, or the type is not reconciled).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID start(EntityType type, boolean force) {
        ConfigRecord current = configuration.current();
        EntityMapping mapping = current.configuration().mapping(type).orElse(null);
        if (mapping == null || !records.mirrored(type) || (!force && mapping.reconcileIntervalSeconds() <= 0)) {
            return null;
        }
        ReconcileStateRepository.Lead row = states.lockUnlessHeld(type).orElse(null);
        if (row == null) {
            return null; // another replica holds it
        }
        Instant now = Instant.now();
        Instant requestedAt = row.requestedAt();
        if (row.inFlightCommandId() != null && requestedAt != null && requestedAt.isAfter(now.minus(config.pageTimeout()))) {
            return row.cycleId(); // a cycle is running
        }
        Instant next = row.nextReconcileAt();
        if (!force && row.inFlightCommandId() == null && next != null && next.isAfter(now)) {
            return null;
        }
        UUID cycle = UUID.randomUUID();
        states.startCycle(type, cycle);
        ask(current, mapping, new ReconcilePage(mapping.entitySet(), pageSize(current.configuration()), 0, null));
        Log.debugf("Reconciliation of %s started (cycle %s)", type.wire(), cycle);
        return cycle;
    }

    /** Applies the answer to a {@code reconcile} command (in the result's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Envelope<SyncResult> envelope) {
        SyncResult r = envelope.payload();
        EntityType type = r.entity().entityType();
        ReconcileStateRepository.InFlight row = states.lock(type).orElse(null);
        if (row == null || !Objects.equals(row.inFlightCommandId(), r.commandId())) {
            Log.debugf("Reconcile answer %s of %s is not the one in flight: ignored", r.commandId(), type.wire());
            return;
        }
        UUID cycle = row.cycleId();
        String phase = row.phase();
        int skip = row.cursorSkip();
        ConfigRecord current = configuration.current();
        EntityMapping mapping = current.configuration().mapping(type).orElse(null);
        ReconciledIds ids = r.reconciled();
        if (ids == null || mapping == null) {
            String error = r.failure() == null ? r.outcome().wire() : r.failure().message();
            Log.warnf("Reconciliation of %s failed (%s): next cycle after the interval", type.wire(), error);
            finish(type, mapping, cycle, null, error);
            return;
        }
        if ("checking".equals(phase)) {
            markSeen(type, cycle, ids.ids());
            deletions.reappeared(type, ids.ids());
            List<UUID> missing = ids.missing() == null ? List.of() : ids.missing();
            Deletions.Found found = deletions.found(type, missing, cycle);
            Log.infof("Reconciliation of %s: %d id(s) missing in Creatio: %d propagated, %d held, %d update_vs_delete, %d skipped",
                    type.wire(), missing.size(), found.applied(), found.held(), found.updateVsDelete(), found.skipped());
            finish(type, mapping, cycle, found.applied() + found.held() + found.updateVsDelete(), null);
            return;
        }
        markSeen(type, cycle, ids.ids());
        deletions.reappeared(type, ids.ids());
        states.addSeen(type, ids.ids().size());
        if (ids.mayHaveMore()) {
            int next = skip + ids.ids().size();
            states.moveCursor(type, next);
            ask(current, mapping, new ReconcilePage(mapping.entitySet(), pageSize(current.configuration()), next, null));
            return;
        }
        List<UUID> unseen = unseen(type, cycle);
        if (unseen.isEmpty()) {
            finish(type, mapping, cycle, 0, null);
            return;
        }
        states.checking(type);
        ask(current, mapping, new ReconcilePage(mapping.entitySet(), unseen.size(), 0, unseen));
    }

    /** Every entity type's reconciliation state. */
    @Transactional
    public List<State> states() {
        return states.states();
    }

    /** Links of the type that this cycle's listing did not see (NIA-deleted ones and known deletions left out). */
    private List<UUID> unseen(EntityType type, UUID cycle) {
        String table = type == EntityType.LEAD ? "lead" : "contact";
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT s.creatio_id FROM creatio_sync s JOIN " + table + " r ON r.id = s.local_id "
                + "WHERE s.entity_type = ?1 AND s.creatio_id IS NOT NULL AND s.creatio_deleted_at IS NULL "
                + "AND (s.seen_cycle IS NULL OR s.seen_cycle <> ?2) AND NOT r.deleted ORDER BY s.creatio_id LIMIT ?3", UUID.class)
                .setParameter(1, type.wire()).setParameter(2, cycle).setParameter(3, config.maxChecked()).getResultList();
        return ids;
    }

    private void markSeen(EntityType type, UUID cycle, List<UUID> ids) {
        for (int from = 0; from < ids.size(); from += 1000) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            em.createQuery("update CreatioSync set seenCycle = :cycle where entityType = :type and creatioId in :ids")
                    .setParameter("cycle", cycle).setParameter("type", type.wire()).setParameter("ids", chunk).executeUpdate();
        }
    }

    private void finish(EntityType type, EntityMapping mapping, UUID cycle, Integer found, String error) {
        int interval = mapping == null || mapping.reconcileIntervalSeconds() <= 0 ? 3600 : mapping.reconcileIntervalSeconds();
        states.finish(type, cycle, found, error, Instant.now().plusSeconds(interval));
    }

    private void ask(ConfigRecord current, EntityMapping mapping, ReconcilePage page) {
        SyncCommand command = SyncCommand.builder(ReconcilePage.key(mapping.entityType()), Operation.RECONCILE, Lane.BULK,
                current.version()).reconcile(page).build();
        outbox.enqueue(Lane.BULK.topic(), Envelope.command(command, command.commandId()));
        states.asked(mapping.entityType(), command.commandId());
    }

    private static int pageSize(CreatioConfiguration cfg) {
        // ids only: a page of ids is small, but one page is one Creatio response (at most 20,000 rows)
        return Math.min(Math.max(1, cfg.batchSizes().pullPageSize()) * 10, CreatioConfiguration.MAX_PAGE_ROWS);
    }
}
