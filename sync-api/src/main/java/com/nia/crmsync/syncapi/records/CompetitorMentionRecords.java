package com.nia.crmsync.syncapi.records;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.entity.CompetitorMention;

/**
 * Competitor mentions as rows of the configured custom entity set ({@code meetings.competitorTarget =
 * entity_set}): {@code competitor}, {@code context}, {@code sentiment}, {@code activity_creatio_id}
 * (the meeting's activity) and {@code lead_creatio_id}. With the default target the mentions are a
 * block in the meeting's notes and these records are never planned.
 */
@ApplicationScoped
public class CompetitorMentionRecords implements RecordAccess {

    private final EntityManager em;
    private final MeetingLinks links;

    public CompetitorMentionRecords(EntityManager em, MeetingLinks links) {
        this.em = em;
        this.links = links;
    }

    @Override
    public EntityType type() {
        return EntityType.COMPETITOR_MENTION;
    }

    @Override
    public boolean mirrorsCreatio() {
        return false;
    }

    @Override
    public Optional<NiaRecord> load(UUID id) {
        return Optional.ofNullable(em.find(CompetitorMention.class, id)).map(this::record);
    }

    @Override
    public Optional<NiaRecord> lock(UUID id) {
        return Optional.ofNullable(em.find(CompetitorMention.class, id, LockModeType.PESSIMISTIC_WRITE)).map(this::record);
    }

    @Override
    public NiaRecord update(UUID id, Map<String, Object> values) {
        // every column is written by NIA only: nothing to take from Creatio
        return load(id).orElseThrow(() -> new IllegalArgumentException("No competitor mention " + id));
    }

    @Override
    public NiaRecord create(Map<String, Object> values) {
        throw new UnsupportedOperationException("competitor mentions come from meeting-ended events");
    }

    @Override
    public NiaRecord setDeleted(UUID id, boolean deleted) {
        CompetitorMention c = em.find(CompetitorMention.class, id);
        if (c == null) {
            throw new IllegalArgumentException("No competitor mention " + id);
        }
        if (c.markDeleted(deleted)) {
            em.flush();
        }
        return record(c);
    }

    NiaRecord record(CompetitorMention c) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("competitor", c.competitor);
        f.put("context", c.context);
        f.put("sentiment", c.sentiment);
        f.put("activity_creatio_id", links.creatioId(EntityType.MEETING, c.meetingId));
        f.put("lead_creatio_id", links.creatioId(EntityType.LEAD, c.leadId));
        return new NiaRecord(c.id, f, c.updatedAt, c.version, c.deleted);
    }
}
