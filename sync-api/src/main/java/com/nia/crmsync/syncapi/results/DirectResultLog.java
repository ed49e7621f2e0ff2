package com.nia.crmsync.syncapi.results;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.pull.DirectApplications;

/** The sync log and result metrics of pulled records applied in {@code sync-api} without a worker round trip. */
@ApplicationScoped
public class DirectResultLog implements DirectApplications {

    private final SyncLogWriter logWriter;
    private final SyncMetrics metrics;

    public DirectResultLog(SyncLogWriter logWriter, SyncMetrics metrics) {
        this.logWriter = logWriter;
        this.metrics = metrics;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void applied(Envelope<SyncResult> result, Duration latency) {
        SyncResult r = result.payload();
        // no failure to redact: a direct application is a success by construction
        logWriter.write(result, null, List.of());
        metrics.result(r.entity().entityType(), r.lane(), r.outcome());
        metrics.latency(r.entity().entityType(), r.lane(), latency);
    }
}
