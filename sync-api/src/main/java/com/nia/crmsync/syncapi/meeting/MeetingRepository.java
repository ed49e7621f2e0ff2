package com.nia.crmsync.syncapi.meeting;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import com.nia.crmsync.syncapi.entity.CompetitorMention;
import com.nia.crmsync.syncapi.entity.Meeting;
import com.nia.crmsync.syncapi.entity.MeetingParticipant;
import com.nia.crmsync.syncapi.entity.MeetingTask;

/** Meetings and what hangs off them: participants, tasks, competitor mentions (deleted ones included). */
@ApplicationScoped
public class MeetingRepository implements PanacheRepositoryBase<Meeting, UUID> {

    public List<MeetingParticipant> participantsOf(UUID meetingId) {
        return getEntityManager().createQuery("from MeetingParticipant where meetingId = ?1 order by position, id",
                MeetingParticipant.class).setParameter(1, meetingId).getResultList();
    }

    public List<MeetingTask> tasksOf(UUID meetingId) {
        return getEntityManager().createQuery("from MeetingTask where meetingId = ?1 order by actionItemId", MeetingTask.class)
                .setParameter(1, meetingId).getResultList();
    }

    public List<CompetitorMention> mentionsOf(UUID meetingId) {
        return getEntityManager().createQuery("from CompetitorMention where meetingId = ?1 order by mentionKey",
                CompetitorMention.class).setParameter(1, meetingId).getResultList();
    }

    /** Serialises intakes of one meeting (the consumer and the HTTP equivalent may race) until the transaction ends. */
    public void lock(String meetingKey) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(?1, hashtext(?2))")
                .setParameter(1, LOCK_CLASS).setParameter(2, meetingKey).getSingleResult();
    }

    /**
     * Serialises the creation of contacts for unknown participants with these identities (lower-case
     * emails, or name and company) across meetings, so two meetings with the same new person create
     * one contact: the second waits, then finds the first one's. Taken in sorted order, so two
     * intakes never wait for each other crosswise.
     */
    public void lockParticipants(java.util.Collection<String> identities) {
        for (String identity : new java.util.TreeSet<>(identities)) {
            getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(?1, hashtext(?2))")
                    .setParameter(1, PARTICIPANT_LOCK_CLASS).setParameter(2, identity).getSingleResult();
        }
    }

    /** An arbitrary constant: the first key of the meeting advisory locks ("MEET"). */
    private static final int LOCK_CLASS = 0x4d45_4554;
    /** An arbitrary constant: the first key of the participant advisory locks ("PART"). */
    private static final int PARTICIPANT_LOCK_CLASS = 0x5041_5254;
}
