package com.nia.crmsync.syncapi.records;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.entity.MeetingParticipant;

/**
 * A meeting's participants as Creatio {@code ActivityParticipant} rows: {@code activity_creatio_id}
 * (the meeting's activity) and {@code participant_creatio_id} (the participant's contact). Only
 * external participants matched to (or created as) a contact become rows; one known only as a lead
 * is linked through the activity's {@code LeadId}.
 */
@ApplicationScoped
public class ParticipantRecords implements RecordAccess {

    private final EntityManager em;
    private final MeetingLinks links;

    public ParticipantRecords(EntityManager em, MeetingLinks links) {
        this.em = em;
        this.links = links;
    }

    @Override
    public EntityType type() {
        return EntityType.ACTIVITY_PARTICIPANT;
    }

    @Override
    public boolean mirrorsCreatio() {
        return false;
    }

    @Override
    public Optional<NiaRecord> load(UUID id) {
        return Optional.ofNullable(em.find(MeetingParticipant.class, id)).map(this::record);
    }

    @Override
    public Optional<NiaRecord> lock(UUID id) {
        return Optional.ofNullable(em.find(MeetingParticipant.class, id, LockModeType.PESSIMISTIC_WRITE)).map(this::record);
    }

    @Override
    public NiaRecord update(UUID id, Map<String, Object> values) {
        // both columns are links NIA decides: nothing to take from Creatio
        return load(id).orElseThrow(() -> new IllegalArgumentException("No participant " + id));
    }

    @Override
    public NiaRecord create(Map<String, Object> values) {
        throw new UnsupportedOperationException("participants come from meeting-ended events");
    }

    @Override
    public NiaRecord setDeleted(UUID id, boolean deleted) {
        MeetingParticipant p = em.find(MeetingParticipant.class, id);
        if (p == null) {
            throw new IllegalArgumentException("No participant " + id);
        }
        if (p.markDeleted(deleted)) {
            em.flush();
        }
        return record(p);
    }

    NiaRecord record(MeetingParticipant p) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("activity_creatio_id", links.creatioId(EntityType.MEETING, p.meetingId));
        f.put("participant_creatio_id", links.creatioId(EntityType.CONTACT, p.contactId));
        return new NiaRecord(p.id, f, p.updatedAt, p.version, p.deleted);
    }
}
