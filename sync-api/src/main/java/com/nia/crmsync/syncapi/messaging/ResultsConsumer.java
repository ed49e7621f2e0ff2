package com.nia.crmsync.syncapi.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.pipeline.PipelineCheckService;

/**
 * Applies the workers' results (topic {@code crm.sync.results.v1}, group {@code sync-api}) exactly
 * once in effect: each result event id is recorded in the processed-message log in the same
 * transaction as its effect, so a redelivered or re-published result changes nothing. A record
 * that is not a result envelope fails here and goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ResultsConsumer {

    static final String CHANNEL = "results-in";
    static final String CONSUMER = "sync-api.results";

    private final ProcessedMessages processed;
    private final PipelineCheckService pipeline;

    public ResultsConsumer(ProcessedMessages processed, PipelineCheckService pipeline) {
        this.processed = processed;
        this.pipeline = pipeline;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onResult(String json) {
        Envelope<SyncResult> envelope = Json.readEnvelope(json, SyncResult.class);
        var violations = envelope.validate();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Invalid result envelope: " + violations);
        }
        if (!processed.firstTime(CONSUMER, envelope.eventId())) {
            Log.debugf("Result %s already applied", envelope.eventId());
            return;
        }
        SyncResult result = envelope.payload();
        if (result.operation() == Operation.PROBE) {
            pipeline.probeReturned(result);
        }
    }
}
