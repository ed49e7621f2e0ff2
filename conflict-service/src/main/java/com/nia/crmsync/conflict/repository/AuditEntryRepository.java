package com.nia.crmsync.conflict.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Reads the service's {@code audit_entry} table (written by common-web's {@code AuditSink}, which
 * has no entity for it): a target's trail, oldest first, as typed rows.
 */
@ApplicationScoped
public class AuditEntryRepository {

    /**
     * One audit entry as stored.
     *
     * @param actorRoles the caller's roles (stored comma-separated; none for the system)
     * @param beforeJson the state before, as JSON text (null when there was none)
     * @param afterJson  the state after, as JSON text
     */
    public record Row(long id, Instant occurredAt, String actor, List<String> actorRoles, String action, String target,
            String beforeJson, String afterJson, String correlationId, String outcome) {
    }

    private static final String OF_TARGET = "SELECT id, occurred_at, actor, actor_roles, action, target,"
            + " CAST(before_state AS text) AS before_json, CAST(after_state AS text) AS after_json, correlation_id, outcome"
            + " FROM audit_entry WHERE target = :target ORDER BY occurred_at, id";

    private final EntityManager em;

    public AuditEntryRepository(EntityManager em) {
        this.em = em;
    }

    /** The entries of {@code target}, oldest first. */
    public List<Row> ofTarget(String target) {
        return em.unwrap(Session.class).createNativeQuery(OF_TARGET, Object[].class)
                .addScalar("id", Long.class)
                .addScalar("occurred_at", Instant.class)
                .addScalar("actor", String.class)
                .addScalar("actor_roles", String.class)
                .addScalar("action", String.class)
                .addScalar("target", String.class)
                .addScalar("before_json", String.class)
                .addScalar("after_json", String.class)
                .addScalar("correlation_id", String.class)
                .addScalar("outcome", String.class)
                .setParameter("target", target)
                .setTupleTransformer((r, aliases) -> new Row((Long) r[0], (Instant) r[1], (String) r[2], roles((String) r[3]),
                        (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9]))
                .getResultList();
    }

    private static List<String> roles(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
