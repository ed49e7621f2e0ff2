package com.nia.crmsync.syncapi.pull;

import java.time.Duration;

import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Where a pulled record that {@code sync-api} applied itself (no command to the worker) is accounted
 * for as if a worker had answered it: its sync-log line and the result metrics
 * ({@code crmsync_sync_results_total}, {@code crmsync_sync_latency_seconds}). Implemented beside the
 * result application, so that the pull does not depend on it.
 */
public interface DirectApplications {

    /** Records {@code result} (in the caller's transaction); {@code latency} is the time since the page was read. */
    void applied(Envelope<SyncResult> result, Duration latency);
}
