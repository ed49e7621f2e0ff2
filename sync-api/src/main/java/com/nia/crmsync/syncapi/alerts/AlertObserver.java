package com.nia.crmsync.syncapi.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.gateway.GatewayStatus;
import com.nia.crmsync.syncapi.gateway.GatewayClient;
import com.nia.crmsync.syncapi.gateway.GatewayProblemException;
import com.nia.crmsync.syncapi.repository.NativeValues;
import com.nia.crmsync.syncapi.runs.RunStatus;

/**
 * Gathers what the alerts are evaluated on. From the gateway: its status (quota, breakers, last token request,
 * Creatio's reachability) — learnt from the calls the gateway makes anyway; only while Creatio seems unreachable
 * or authentication fails, at most once per {@code probe-every}, a connection test (one Creatio read) so the alert
 * clears without waiting for traffic. From sync-api's own tables: records dead-lettered within the window, records
 * in conflict, runs failed within the window (one indexed count each).
 */
@ApplicationScoped
public class AlertObserver {

    private final GatewayClient gateway;
    private final EntityManager em;
    private final AlertsConfig config;
    private volatile Instant lastProbe = Instant.EPOCH;

    public AlertObserver(GatewayClient gateway, EntityManager em, AlertsConfig config) {
        this.gateway = gateway;
        this.em = em;
        this.config = config;
    }

    /** The gateway's status, probing Creatio first when it seems down; a status with null body when the gateway failed. */
    public GatewayView gateway(Instant now) {
        try {
            GatewayStatus status = gateway.status();
            if (troubled(status) && !lastProbe.plus(config.probeEvery()).isAfter(now)) {
                lastProbe = now;
                Log.debugf("Creatio seems unreachable or refusing: asking the gateway for a connection test");
                probe();
                status = gateway.status();
            }
            return new GatewayView(status, null);
        } catch (GatewayProblemException e) {
            return new GatewayView(null, e.code());
        }
    }

    /** A connection test; its outcome lands in the gateway's status, and a slow or failed one is no gateway outage. */
    private void probe() {
        try {
            gateway.testConnection();
        } catch (GatewayProblemException e) {
            Log.debugf("Connection test for the alerts failed: %s", e.code());
        }
    }

    /** The gateway's status, or why there is none. */
    public record GatewayView(GatewayStatus status, String failure) {
    }

    /** Everything, with sync-api's own counts read in the caller's transaction. */
    public Observations observe(Instant now, GatewayView gatewayView) {
        long deadLettered = NativeValues.number(em.createNativeQuery("SELECT count(*) FROM creatio_sync WHERE dead_lettered_at >= ?1")
                .setParameter(1, Timestamp.from(now.minus(config.deadLetterWindow()))).getSingleResult());
        long conflicts = NativeValues.number(em.createNativeQuery("SELECT count(*) FROM creatio_sync WHERE status = 'conflict'")
                .getSingleResult());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, kind, finished_at, error FROM sync_run WHERE status = ?1 AND finished_at >= ?2"
                + " ORDER BY finished_at DESC LIMIT 100")
                .setParameter(1, RunStatus.FAILED)
                .setParameter(2, Timestamp.from(now.minus(config.failedRunWindow()))).getResultList();
        List<Observations.FailedRun> failed = rows.stream().map(r -> new Observations.FailedRun(NativeValues.uuid(r[0]), (String) r[1],
                NativeValues.instant(r[2]), (String) r[3])).toList();
        return new Observations(now, gatewayView.status(), gatewayView.failure(), deadLettered, conflicts, failed);
    }

    private static boolean troubled(GatewayStatus status) {
        GatewayStatus.CreatioLink link = status.creatio();
        if (link == null) {
            return false;
        }
        boolean unanswered = link.reachability() != null && link.reachability().unreachableSince() != null;
        boolean authFailing = link.lastAuth() != null && !link.lastAuth().ok();
        boolean open = link.breakers() != null && link.breakers().values().stream().anyMatch("open"::equals);
        return unanswered || authFailing || open;
    }
}
