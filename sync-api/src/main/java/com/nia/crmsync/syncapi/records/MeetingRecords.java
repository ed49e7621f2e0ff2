package com.nia.crmsync.syncapi.records;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.syncapi.entity.Meeting;

/**
 * Meetings by canonical field: {@code title}, {@code started_at}, {@code ended_at}, {@code status},
 * {@code notes}, and what the activity points at in Creatio ({@code lead_creatio_id},
 * {@code contact_creatio_id}, {@code owner_creatio_id}, {@code category_creatio_id}; see
 * {@link MeetingLinks}). Meetings come from meeting-ended events only: the pull does not create them.
 */
@ApplicationScoped
public class MeetingRecords implements RecordAccess {

    private final EntityManager em;
    private final MeetingLinks links;

    public MeetingRecords(EntityManager em, MeetingLinks links) {
        this.em = em;
        this.links = links;
    }

    @Override
    public EntityType type() {
        return EntityType.MEETING;
    }

    @Override
    public boolean mirrorsCreatio() {
        return false;
    }

    @Override
    public Optional<NiaRecord> load(UUID id) {
        return Optional.ofNullable(em.find(Meeting.class, id)).map(this::record);
    }

    @Override
    public Optional<NiaRecord> lock(UUID id) {
        return Optional.ofNullable(em.find(Meeting.class, id, LockModeType.PESSIMISTIC_WRITE)).map(this::record);
    }

    @Override
    public NiaRecord update(UUID id, Map<String, Object> values) {
        Meeting m = em.find(Meeting.class, id);
        if (m == null) {
            throw new IllegalArgumentException("No meeting " + id);
        }
        values.forEach((field, raw) -> {
            Object v = CanonicalValues.canonical(raw);
            switch (field) {
                // title and the times are NOT NULL: a cleared Creatio value leaves NIA's as it is
                case "title" -> m.title = v == null ? m.title : CanonicalValues.asText(v);
                case "started_at" -> m.startedAt = v instanceof Instant i ? i : m.startedAt;
                case "ended_at" -> m.endedAt = v instanceof Instant i ? i : m.endedAt;
                case "status" -> m.status = v == null ? m.status : CanonicalValues.asText(v);
                case "notes" -> m.notes = CanonicalValues.asText(v);
                default -> {
                    // a link, or not a meeting field: NIA keeps its own
                }
            }
        });
        m.updatedAt = Instant.now();
        em.flush();
        return record(m);
    }

    @Override
    public NiaRecord create(Map<String, Object> values) {
        throw new UnsupportedOperationException("meetings come from meeting-ended events; Creatio activities are not pulled as meetings");
    }

    @Override
    public NiaRecord setDeleted(UUID id, boolean deleted) {
        Meeting m = em.find(Meeting.class, id);
        if (m == null) {
            throw new IllegalArgumentException("No meeting " + id);
        }
        if (m.markDeleted(deleted)) {
            em.flush();
        }
        return record(m);
    }

    NiaRecord record(Meeting m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("title", m.title);
        f.put("started_at", m.startedAt);
        f.put("ended_at", m.endedAt);
        f.put("status", m.status);
        f.put("notes", m.notes);
        f.put("lead_creatio_id", links.creatioId(EntityType.LEAD, m.leadId));
        f.put("contact_creatio_id", links.creatioId(EntityType.CONTACT, m.contactId));
        f.put("owner_creatio_id", m.ownerCreatioId);
        f.put("category_creatio_id", links.meetingCategory());
        return new NiaRecord(m.id, f, m.updatedAt, m.version, m.deleted);
    }
}
