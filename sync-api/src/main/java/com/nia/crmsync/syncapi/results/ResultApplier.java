package com.nia.crmsync.syncapi.results;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

import com.nia.crmsync.messaging.LogContext;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.messaging.inbox.ProcessedMessages;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.deletes.Reconciliation;
import com.nia.crmsync.syncapi.pipeline.PipelineCheckService;
import com.nia.crmsync.syncapi.pull.IncrementalPull;

/**
 * Applies one result in one transaction, idempotently: the result's event id is recorded in the
 * processed-message log together with its effect, so a redelivered or re-published result changes
 * nothing. Sync results are applied by {@link SyncResults} (version checks, pulled values, retry
 * scheduling, run progress, sync log). A database that is briefly unavailable is retried in place with back-off (ordering per
 * partition is kept) before the record is given up to the dead-letter topic. The results of a poll
 * that {@link #together} allows are applied several in one transaction ({@link #applyTogether}):
 * a bulk run's thousands of results then cost a commit per group, not per record.
 */
@ApplicationScoped
public class ResultApplier {

    /** This consumer's name in the processed-message inbox. */
    public static final String CONSUMER = "sync-api.results";

    private final ProcessedMessages processed;
    private final PipelineCheckService pipeline;
    private final ShutdownState shutdown;
    private final SyncResults results;
    private final IncrementalPull pull;
    private final Reconciliation reconciliation;
    private final EntityManager em;

    public ResultApplier(ProcessedMessages processed, PipelineCheckService pipeline, ShutdownState shutdown,
            SyncResults results, IncrementalPull pull, Reconciliation reconciliation, EntityManager em) {
        this.em = em;
        this.pull = pull;
        this.reconciliation = reconciliation;
        this.processed = processed;
        this.pipeline = pipeline;
        this.shutdown = shutdown;
        this.results = results;
    }

    /**
     * Each attempt runs in a new transaction; retrying stops at once when the application is shutting down,
     * and for a failure no retry can change (a programming error or a result that is not whole): each
     * retry of those held the partition for up to a minute before the result was dead-lettered.
     */
    @Retry(maxRetries = 8, delay = 250, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, jitter = 100,
            abortOn = {IllegalArgumentException.class, ShuttingDownException.class, NullPointerException.class,
                    ClassCastException.class, IndexOutOfBoundsException.class, UnsupportedOperationException.class})
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void apply(Envelope<SyncResult> envelope) {
        if (shutdown.shuttingDown()) {
            throw new ShuttingDownException();
        }
        QuarkusTransaction.requiringNew().run(() -> applyInTransaction(envelope));
    }

    /**
     * Whether a result may be applied in one transaction with others: a sync result (of a command,
     * a resolution or a dry run). A pulled page, a reconciliation page and a pipeline probe are
     * applied alone, as before: each is a unit of its own.
     */
    public static boolean together(SyncResult result) {
        Operation op = result.operation();
        return op != Operation.PROBE && op != Operation.PULL_PAGE && op != Operation.RECONCILE;
    }

    /**
     * Applies {@code envelopes} (each allowed {@link #together}) in one new transaction, each
     * exactly as {@link #apply} would and in their order, the {@code i}-th inside {@code context(i)}
     * (its trace and log fields). Nothing is retried here: when one fails, the transaction rolls back
     * with nothing of the group applied, the failure is thrown, and the caller applies the results
     * one by one ({@link #apply}), so only the one at fault is retried or dead-lettered.
     */
    public void applyTogether(List<Envelope<SyncResult>> envelopes, IntFunction<LogContext> context) {
        if (shutdown.shuttingDown()) {
            throw new ShuttingDownException();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < envelopes.size(); i++) {
                try (LogContext ignored = context.apply(i)) {
                    applyInTransaction(envelopes.get(i));
                }
                // each result's rows written and let go: a flush dirty-checks every managed entity (their JSON columns
                // by value), so a group that kept them rewrote every earlier result's rows at each later result's queries
                em.flush();
                em.clear();
            }
        });
    }

    private void applyInTransaction(Envelope<SyncResult> envelope) {
        if (!processed.firstTime(CONSUMER, envelope.eventId())) {
            Log.debugf("Result %s already applied", envelope.eventId());
            return;
        }
        SyncResult result = envelope.payload();
        if (result.operation() == Operation.PROBE) {
            pipeline.probeReturned(result);
        } else if (result.operation() == Operation.PULL_PAGE) {
            // a page of Creatio changes: commands for its records, then the watermark and the next page
            pull.apply(envelope);
        } else if (result.operation() == Operation.RECONCILE) {
            // a page of Creatio ids, or the check of ids not listed: links compared, deletions found
            reconciliation.apply(envelope);
        } else {
            // sync state, NIA values, run progress and the sync log, with this result's processed mark
            results.apply(envelope);
        }
    }
}
