package com.nia.crmsync.syncapi.runs;

import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Looks after runs, on every instance (each statement is idempotent, so two replicas doing it
 * at once do no harm): at start-up and then periodically, a run still {@code queued} or
 * {@code planning} whose heartbeat is older than {@link RunsConfig#staleAfter()} was stopped by
 * a restart — its planning thread is gone, since runs survive restarts only as rows — and is
 * marked failed with the reason; a {@code running} run whose commands are all answered is
 * marked completed.
 */
@ApplicationScoped
public class RunHousekeeping {

    /** The reason a stopped run is given. */
    public static final String INTERRUPTED = "interrupted: sync-api stopped while planning this run; start a new run";

    private final EntityManager em;
    private final RunsConfig config;

    public RunHousekeeping(EntityManager em, RunsConfig config) {
        this.em = em;
        this.config = config;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        failInterrupted();
    }

    @Scheduled(every = "${sync-api.runs.sweep-interval:30s}", delay = 30, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void sweep() {
        failInterrupted();
    }

    @Scheduled(every = "${sync-api.runs.completion-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void completeAnswered() {
        em.createNativeQuery("UPDATE sync_run SET status = 'completed', finished_at = now() WHERE status = 'running' AND done >= total")
                .executeUpdate();
    }

    /** Marks runs whose planning stopped (no heartbeat within the stale window) failed; answers how many. */
    @Transactional
    public int failInterrupted() {
        int failed = em.createNativeQuery("UPDATE sync_run SET status = 'failed', finished_at = now(), error = ?1"
                + " WHERE status IN ('queued', 'planning') AND coalesce(heartbeat_at, created_at) < ?2")
                .setParameter(1, INTERRUPTED)
                .setParameter(2, Timestamp.from(Instant.now().minus(config.staleAfter())))
                .executeUpdate();
        if (failed > 0) {
            Log.warnf("Marked %d run(s) failed: their planning stopped with a restart", failed);
        }
        return failed;
    }
}
