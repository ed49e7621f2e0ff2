package com.nia.crmsync.syncapi.results;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

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
 * partition is kept) before the record is given up to the dead-letter topic.
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

    public ResultApplier(ProcessedMessages processed, PipelineCheckService pipeline, ShutdownState shutdown,
            SyncResults results, IncrementalPull pull, Reconciliation reconciliation) {
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
