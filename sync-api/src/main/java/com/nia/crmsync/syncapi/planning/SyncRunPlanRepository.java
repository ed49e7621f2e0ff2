package com.nia.crmsync.syncapi.planning;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * {@code sync_run_plan}: the plan lines of dry runs, one per run and command, their field diffs as
 * {@code jsonb}. Native SQL for the JSON casts and the insert that keeps a line already stored.
 */
@ApplicationScoped
public class SyncRunPlanRepository {

    /** A plan line as stored; {@code changes} is the diffs' JSON. */
    public record Row(String entityType, UUID localId, UUID creatioId, String action, String outcome, String changes,
            int plannedCalls, String error) {
    }

    /** How many lines of a run have an action ({@code failed} when none), and the Creatio calls they would cost. */
    public record ActionTotal(String action, long lines, long plannedCalls) {
    }

    private final EntityManager em;

    public SyncRunPlanRepository(EntityManager em) {
        this.em = em;
    }

    /** Stores the line of a run's command; a line already stored for it is kept. */
    public void insert(UUID runId, UUID commandId, Row line) {
        em.createNativeQuery("INSERT INTO sync_run_plan (run_id, command_id, entity_type, local_id, creatio_id, action, outcome,"
                + " changes, planned_calls, error) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS uuid), ?6, ?7, CAST(?8 AS jsonb), ?9, ?10)"
                + " ON CONFLICT (run_id, command_id) DO NOTHING")
                .setParameter(1, runId).setParameter(2, commandId).setParameter(3, line.entityType())
                .setParameter(4, line.localId()).setParameter(5, line.creatioId() == null ? null : line.creatioId().toString())
                .setParameter(6, line.action()).setParameter(7, line.outcome())
                .setParameter(8, line.changes()).setParameter(9, line.plannedCalls())
                .setParameter(10, line.error()).executeUpdate();
    }

    /** The run's totals per action, by action. */
    public List<ActionTotal> totals(UUID runId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT coalesce(action, 'failed'), count(*), coalesce(sum(planned_calls), 0)"
                + " FROM sync_run_plan WHERE run_id = ?1 GROUP BY 1 ORDER BY 1").setParameter(1, runId).getResultList();
        return rows.stream().map(r -> new ActionTotal((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue())).toList();
    }

    /** How many lines the run's plan has. */
    public long count(UUID runId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM sync_run_plan WHERE run_id = ?1").setParameter(1, runId)
                .getSingleResult()).longValue();
    }

    /** A page of the run's lines, in entity type and NIA id order. */
    public List<Row> lines(UUID runId, int page, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT entity_type, local_id, creatio_id, action, outcome, CAST(changes AS text),"
                + " planned_calls, error FROM sync_run_plan WHERE run_id = ?1 ORDER BY entity_type, local_id, command_id"
                + " OFFSET ?2 LIMIT ?3").setParameter(1, runId).setParameter(2, (long) page * size).setParameter(3, size)
                .getResultList();
        return rows.stream().map(r -> new Row((String) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4], (String) r[5],
                ((Number) r[6]).intValue(), (String) r[7])).toList();
    }
}
