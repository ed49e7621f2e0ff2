package com.nia.crmsync.syncapi.pull;

import static com.nia.crmsync.syncapi.repository.NativeValues.instant;
import static com.nia.crmsync.syncapi.repository.NativeValues.number;
import static com.nia.crmsync.syncapi.repository.NativeValues.uuid;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.pull.PullPaging;

/**
 * {@code pull_watermark}, one row per entity type: the watermark, the page in flight and the
 * counters of the pull. Native SQL, since the row is locked {@code FOR UPDATE SKIP LOCKED} by the
 * replica that leads the type's pull and the counters only move by increments; rows come back typed.
 */
@ApplicationScoped
public class PullWatermarkRepository {

    /** What deciding whether to start a cycle needs. */
    public record Lead(Instant watermark, UUID inFlightCommandId, Instant requestedAt, Instant nextPullAt) {
    }

    /**
     * What applying a page needs; {@code applyingCommandId} is the page whose next page was asked for
     * ahead of its application (null when none is being applied).
     */
    public record InFlight(Instant watermark, UUID inFlightCommandId, Instant cursorSince, int cursorSkip, UUID applyingCommandId) {
    }

    /** What one applied page adds to the counters. */
    public record PageCounts(int records, int commands, int echoes, int created) {
    }

    private final EntityManager em;

    public PullWatermarkRepository(EntityManager em) {
        this.em = em;
    }

    /** The type's row (created when missing), locked; empty when another replica holds it. */
    public Optional<Lead> lockUnlessHeld(EntityType type) {
        em.createNativeQuery("INSERT INTO pull_watermark (entity_type) VALUES (?1) ON CONFLICT (entity_type) DO NOTHING")
                .setParameter(1, type.wire()).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT watermark, in_flight_command_id, requested_at, next_pull_at "
                + "FROM pull_watermark WHERE entity_type = ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, type.wire()).getResultList();
        return rows.stream().findFirst().map(r -> new Lead(instant(r[0]), uuid(r[1]), instant(r[2]), instant(r[3])));
    }

    /** The type's row, locked (waiting for another transaction that holds it); empty when there is none. */
    public Optional<InFlight> lock(EntityType type) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT watermark, in_flight_command_id, cursor_since, cursor_skip, "
                + "applying_command_id FROM pull_watermark WHERE entity_type = ?1 FOR UPDATE")
                .setParameter(1, type.wire()).getResultList();
        return rows.stream().findFirst().map(r -> new InFlight(instant(r[0]), uuid(r[1]), instant(r[2]), (int) number(r[3]),
                uuid(r[4])));
    }

    /** Every entity type's pull state, by type (types never pulled are absent). */
    public List<IncrementalPull.PullState> states() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT entity_type, watermark, in_flight_command_id, requested_at, next_pull_at, "
                + "last_cycle_at, pages, records_pulled, commands_planned, echoes_skipped, records_created FROM pull_watermark "
                + "ORDER BY entity_type").getResultList();
        return rows.stream().map(r -> new IncrementalPull.PullState(EntityType.fromWire(r[0].toString()), instant(r[1]), r[2] != null,
                instant(r[3]), instant(r[4]), instant(r[5]), number(r[6]), number(r[7]), number(r[8]), number(r[9]), number(r[10])))
                .toList();
    }

    /** Sets the watermark (a first cycle that starts now). */
    public void setWatermark(EntityType type, Instant watermark) {
        em.createNativeQuery("UPDATE pull_watermark SET watermark = ?2 WHERE entity_type = ?1")
                .setParameter(1, type.wire()).setParameter(2, Timestamp.from(watermark)).executeUpdate();
    }

    /** The cycle ended with a failed page; the next one is due at {@code next}. */
    public void failed(EntityType type, Instant next) {
        em.createNativeQuery("UPDATE pull_watermark SET in_flight_command_id = NULL, applying_command_id = NULL, next_pull_at = ?2, "
                + "updated_at = now() WHERE entity_type = ?1")
                .setParameter(1, type.wire())
                .setParameter(2, Timestamp.from(next))
                .executeUpdate();
    }

    /**
     * A page was applied: the watermark moves to {@code watermark} and the counters by {@code counts};
     * with {@code nextCycleAt} the cycle is over and the next one is due then, without it a next page
     * is in flight.
     */
    public void pageApplied(EntityType type, Instant watermark, PageCounts counts, Instant nextCycleAt) {
        var update = em.createNativeQuery("UPDATE pull_watermark SET watermark = ?2, pages = pages + 1, records_pulled = records_pulled + ?3, "
                + "commands_planned = commands_planned + ?4, echoes_skipped = echoes_skipped + ?5, records_created = records_created + ?6, "
                + (nextCycleAt != null ? "in_flight_command_id = NULL, next_pull_at = ?7, last_cycle_at = now(), " : "")
                + "applying_command_id = NULL, updated_at = now() WHERE entity_type = ?1");
        if (nextCycleAt != null) {
            update.setParameter(7, Timestamp.from(nextCycleAt));
        }
        update.setParameter(1, type.wire())
                .setParameter(2, watermark == null ? null : Timestamp.from(watermark))
                .setParameter(3, counts.records())
                .setParameter(4, counts.commands())
                .setParameter(5, counts.echoes())
                .setParameter(6, counts.created())
                .executeUpdate();
    }

    /**
     * The page {@code commandId} is being applied while its next page is in flight (asked for ahead);
     * null: no page is (a new cycle).
     */
    public void applying(EntityType type, UUID commandId) {
        em.createNativeQuery("UPDATE pull_watermark SET applying_command_id = ?2, updated_at = now() WHERE entity_type = ?1")
                .setParameter(1, type.wire()).setParameter(2, commandId).executeUpdate();
    }

    /** {@code commandId} asks for the page at {@code cursor} and is now the one in flight. */
    public void asked(EntityType type, UUID commandId, PullPaging.Cursor cursor) {
        em.createNativeQuery("UPDATE pull_watermark SET in_flight_command_id = ?2, requested_at = now(), cursor_since = ?3, "
                + "cursor_skip = ?4, updated_at = now() WHERE entity_type = ?1")
                .setParameter(1, type.wire())
                .setParameter(2, commandId)
                .setParameter(3, Timestamp.from(cursor.since()))
                .setParameter(4, cursor.skip())
                .executeUpdate();
    }
}
