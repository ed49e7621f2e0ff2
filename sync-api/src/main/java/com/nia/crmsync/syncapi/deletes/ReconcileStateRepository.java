package com.nia.crmsync.syncapi.deletes;

import static com.nia.crmsync.syncapi.repository.NativeValues.instant;
import static com.nia.crmsync.syncapi.repository.NativeValues.uuid;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.nia.crmsync.model.entity.EntityType;

/**
 * {@code reconcile_state}, one row per entity type: the cycle in progress (phase, cursor, the
 * command in flight) and the last one's outcome. Native SQL, since the row is locked
 * {@code FOR UPDATE SKIP LOCKED} by the replica that leads the type's cycle; rows come back typed.
 */
@ApplicationScoped
public class ReconcileStateRepository {

    /** What deciding whether to start a cycle needs. */
    public record Lead(UUID cycleId, UUID inFlightCommandId, Instant requestedAt, Instant nextReconcileAt) {
    }

    /** What applying an answer needs. */
    public record InFlight(UUID cycleId, UUID inFlightCommandId, String phase, int cursorSkip) {
    }

    private final EntityManager em;

    public ReconcileStateRepository(EntityManager em) {
        this.em = em;
    }

    /** The type's row (created when missing), locked; empty when another replica holds it. */
    public Optional<Lead> lockUnlessHeld(EntityType type) {
        em.createNativeQuery("INSERT INTO reconcile_state (entity_type) VALUES (?1) ON CONFLICT (entity_type) DO NOTHING")
                .setParameter(1, type.wire()).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT cycle_id, in_flight_command_id, requested_at, next_reconcile_at "
                + "FROM reconcile_state WHERE entity_type = ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, type.wire()).getResultList();
        return rows.stream().findFirst().map(r -> new Lead(uuid(r[0]), uuid(r[1]), instant(r[2]), instant(r[3])));
    }

    /** The type's row, locked (waiting for another transaction that holds it); empty when there is none. */
    public Optional<InFlight> lock(EntityType type) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT cycle_id, in_flight_command_id, phase, cursor_skip "
                + "FROM reconcile_state WHERE entity_type = ?1 FOR UPDATE").setParameter(1, type.wire()).getResultList();
        return rows.stream().findFirst().map(r -> new InFlight(uuid(r[0]), uuid(r[1]), (String) r[2], ((Number) r[3]).intValue()));
    }

    /** Every entity type's state, by type. */
    public List<Reconciliation.State> states() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT entity_type, cycle_id, phase, cycle_started_at, ids_seen, "
                + "next_reconcile_at, last_cycle_id, last_cycle_at, last_ids_seen, last_deleted_found, last_error "
                + "FROM reconcile_state ORDER BY entity_type").getResultList();
        return rows.stream().map(r -> new Reconciliation.State((String) r[0], uuid(r[1]), (String) r[2], instant(r[3]),
                ((Number) r[4]).intValue(), instant(r[5]), uuid(r[6]), instant(r[7]), integer(r[8]), integer(r[9]), (String) r[10]))
                .toList();
    }

    /** A new cycle starts listing from the first page. */
    public void startCycle(EntityType type, UUID cycle) {
        em.createNativeQuery("UPDATE reconcile_state SET cycle_id = ?2, phase = 'listing', cycle_started_at = now(), "
                + "cursor_skip = 0, ids_seen = 0, updated_at = now() WHERE entity_type = ?1")
                .setParameter(1, type.wire()).setParameter(2, cycle).executeUpdate();
    }

    /** A listed page's ids were seen. */
    public void addSeen(EntityType type, int ids) {
        em.createNativeQuery("UPDATE reconcile_state SET ids_seen = ids_seen + ?2, updated_at = now() WHERE entity_type = ?1")
                .setParameter(1, type.wire()).setParameter(2, ids).executeUpdate();
    }

    /** The listing goes on at {@code skip}. */
    public void moveCursor(EntityType type, int skip) {
        em.createNativeQuery("UPDATE reconcile_state SET cursor_skip = ?2 WHERE entity_type = ?1")
                .setParameter(1, type.wire()).setParameter(2, skip).executeUpdate();
    }

    /** The listing is over; the links it did not see are being checked. */
    public void checking(EntityType type) {
        em.createNativeQuery("UPDATE reconcile_state SET phase = 'checking', updated_at = now() WHERE entity_type = ?1")
                .setParameter(1, type.wire()).executeUpdate();
    }

    /** The cycle is over ({@code found} deletions, or an {@code error}); the next one is due at {@code next}. */
    public void finish(EntityType type, UUID cycle, Integer found, String error, Instant next) {
        em.createNativeQuery("UPDATE reconcile_state SET phase = 'idle', in_flight_command_id = NULL, last_cycle_id = ?2, "
                + "last_cycle_at = now(), last_ids_seen = ids_seen, last_deleted_found = ?3, last_error = ?4, "
                + "next_reconcile_at = ?5, updated_at = now() WHERE entity_type = ?1")
                .setParameter(1, type.wire()).setParameter(2, cycle).setParameter(3, found).setParameter(4, error)
                .setParameter(5, Timestamp.from(next)).executeUpdate();
    }

    /** {@code commandId} was asked and is now the one in flight. */
    public void asked(EntityType type, UUID commandId) {
        em.createNativeQuery("UPDATE reconcile_state SET in_flight_command_id = ?2, requested_at = now(), updated_at = now() "
                + "WHERE entity_type = ?1")
                .setParameter(1, type.wire()).setParameter(2, commandId).executeUpdate();
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
