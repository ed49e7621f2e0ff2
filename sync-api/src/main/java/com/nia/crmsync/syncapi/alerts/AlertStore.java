package com.nia.crmsync.syncapi.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.syncapi.repository.NativeValues;

/**
 * The alerts' state in PostgreSQL (table {@code alert_state}, one row per alert key), so every sync-api replica
 * lists the same alerts and a restart neither forgets a firing alert nor notifies it again. Evaluations are
 * serialised by a transaction-scoped advisory lock: the replica that does not get it skips that round.
 */
@ApplicationScoped
public class AlertStore {

    /** An arbitrary constant naming the advisory lock of alert evaluation. */
    private static final long EVALUATION_LOCK = 0x616c657274L;
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final EntityManager em;

    public AlertStore(EntityManager em) {
        this.em = em;
    }

    /** Takes the evaluation lock for the current transaction; false when another replica holds it. */
    public boolean tryLock() {
        return Boolean.TRUE.equals(em.createNativeQuery("SELECT pg_try_advisory_xact_lock(" + EVALUATION_LOCK + ")").getSingleResult());
    }

    /** Every alert's state, by key. */
    public Map<String, AlertState> all() {
        Map<String, AlertState> states = new LinkedHashMap<>();
        for (AlertState state : list(null)) {
            states.put(state.key(), state);
        }
        return states;
    }

    /** The alerts in {@code status} (null: all), firing first, then the most recently started. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<AlertState> list(AlertState.Status status) {
        String where = status == null ? "" : " WHERE status = '" + status.wire() + "'";
        List<Object[]> rows = em.createNativeQuery("SELECT alert_key, severity, summary, CAST(details AS text), status, started_at, ended_at,"
                + " last_notified_at FROM alert_state" + where + " ORDER BY status = 'firing' DESC, started_at DESC, alert_key").getResultList();
        return rows.stream().map(r -> new AlertState((String) r[0], Severity.valueOf(((String) r[1]).toUpperCase(java.util.Locale.ROOT)),
                (String) r[2], details((String) r[3]), AlertState.Status.valueOf(((String) r[4]).toUpperCase(java.util.Locale.ROOT)),
                NativeValues.instant(r[5]), NativeValues.instant(r[6]), NativeValues.instant(r[7]))).toList();
    }

    private static Map<String, Object> details(String json) {
        try {
            return Json.mapper().readValue(json, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert details", e);
        }
    }

    /** Writes one alert's state. */
    public void save(AlertState s) {
        em.createNativeQuery("INSERT INTO alert_state (alert_key, severity, summary, details, status, started_at, ended_at, last_notified_at,"
                + " updated_at) VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), ?5, ?6, ?7, ?8, now()) ON CONFLICT (alert_key) DO UPDATE SET"
                + " severity = EXCLUDED.severity, summary = EXCLUDED.summary, details = EXCLUDED.details, status = EXCLUDED.status,"
                + " started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at, last_notified_at = EXCLUDED.last_notified_at,"
                + " updated_at = now()")
                .unwrap(NativeQuery.class)
                .setParameter(1, s.key())
                .setParameter(2, s.severity().wire())
                .setParameter(3, s.summary())
                .setParameter(4, Json.write(s.details()))
                .setParameter(5, s.status().wire())
                .setParameter(6, s.startedAt(), Instant.class)
                .setParameter(7, s.endedAt(), Instant.class)
                .setParameter(8, s.lastNotifiedAt(), Instant.class)
                .executeUpdate();
    }

    /** Forgets alerts resolved before {@code cutoff}. */
    public int purgeResolvedBefore(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM alert_state WHERE status = 'resolved' AND ended_at < ?1")
                .setParameter(1, Timestamp.from(cutoff)).executeUpdate();
    }
}
