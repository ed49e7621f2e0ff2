package com.nia.crmsync.syncapi.deadletters;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The replayed dead letters. */
@ApplicationScoped
public class DeadLetterReplayRepository implements PanacheRepositoryBase<DeadLetterReplay, String> {

    /** When each of the dead letters was replayed, for those that were. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Instant> replayedAt(Collection<String> ids) {
        Map<String, Instant> at = new HashMap<>();
        if (!ids.isEmpty()) {
            List<DeadLetterReplay> rows = list("deadLetterId in ?1", ids);
            rows.forEach(r -> at.put(r.deadLetterId, r.replayedAt));
        }
        return at;
    }

    /**
     * Records a replay unless the dead letter was replayed already (by this request or a concurrent one: the
     * insert waits for the other transaction); true when this call recorded it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordOnce(DeadLetterReplay replay) {
        return getEntityManager().createNativeQuery("INSERT INTO dead_letter_replay (dead_letter_id, origin_topic, message_key,"
                + " replay_attempt, replayed_by, replayed_at, correlation_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                + " ON CONFLICT (dead_letter_id) DO NOTHING")
                .setParameter(1, replay.deadLetterId).setParameter(2, replay.originTopic).setParameter(3, replay.messageKey)
                .setParameter(4, replay.replayAttempt).setParameter(5, replay.replayedBy).setParameter(6, replay.replayedAt)
                .setParameter(7, replay.correlationId).executeUpdate() == 1;
    }
}
