package com.nia.crmsync.syncapi.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import com.nia.crmsync.syncapi.entity.MeetingTask;

/**
 * Tasks (a meeting's action items, or tasks created in Creatio for a synced lead or contact) by
 * canonical field: {@code title}, {@code start_at} (the meeting's end, or the start Creatio holds),
 * {@code due_at} (the exact due time once Creatio re-dated it, else the due date at noon UTC; a week
 * after the meeting when the item has none),
 * {@code status}, {@code priority}, {@code description}, and the Creatio ids it points at. A task
 * completed or re-dated in Creatio comes back as {@code status} and {@code due_at}.
 */
@ApplicationScoped
public class TaskRecords implements RecordAccess {

    /** When an action item names no due date: this many days after the meeting. */
    static final int DEFAULT_DUE_DAYS = 7;

    private final EntityManager em;
    private final MeetingLinks links;

    public TaskRecords(EntityManager em, MeetingLinks links) {
        this.em = em;
        this.links = links;
    }

    @Override
    public EntityType type() {
        return EntityType.TASK;
    }

    @Override
    public boolean mirrorsCreatio() {
        return false;
    }

    @Override
    public boolean pulled() {
        return true;
    }

    @Override
    public Optional<NiaRecord> load(UUID id) {
        return Optional.ofNullable(em.find(MeetingTask.class, id)).map(this::record);
    }

    @Override
    public Optional<NiaRecord> lock(UUID id) {
        return Optional.ofNullable(em.find(MeetingTask.class, id, LockModeType.PESSIMISTIC_WRITE)).map(this::record);
    }

    @Override
    public NiaRecord update(UUID id, Map<String, Object> values) {
        MeetingTask t = em.find(MeetingTask.class, id);
        if (t == null) {
            throw new IllegalArgumentException("No task " + id);
        }
        values.forEach((field, raw) -> {
            Object v = CanonicalValues.canonical(raw);
            switch (field) {
                case "title" -> t.title = v == null ? t.title : CanonicalValues.asText(v);
                case "due_at" -> {
                    if (v instanceof Instant i) {
                        // kept exactly as Creatio holds it, so the next merge sees no NIA change
                        t.dueAt = i;
                        t.dueDate = LocalDate.ofInstant(i, ZoneOffset.UTC);
                    }
                }
                case "status" -> t.status = v == null ? t.status : CanonicalValues.asText(v);
                case "priority" -> t.priority = v == null ? t.priority : CanonicalValues.asText(v);
                case "description" -> t.description = CanonicalValues.asText(v);
                default -> {
                    // a link, or not a task field: NIA keeps its own
                }
            }
        });
        t.updatedAt = Instant.now();
        em.flush();
        return record(t);
    }

    @Override
    public NiaRecord create(Map<String, Object> values) {
        throw new UnsupportedOperationException("tasks come from meetings' action items; Creatio activities are not pulled as tasks");
    }

    @Override
    public NiaRecord setDeleted(UUID id, boolean deleted) {
        MeetingTask t = em.find(MeetingTask.class, id);
        if (t == null) {
            throw new IllegalArgumentException("No task " + id);
        }
        if (t.markDeleted(deleted)) {
            em.flush();
        }
        return record(t);
    }

    NiaRecord record(MeetingTask t) {
        Meeting meeting = t.meetingId == null ? null : em.find(Meeting.class, t.meetingId);
        Instant start = t.startAt != null ? t.startAt : meeting != null ? meeting.endedAt : t.createdAt;
        LocalDate due = t.dueDate != null ? t.dueDate
                : LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(DEFAULT_DUE_DAYS);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("title", t.title);
        f.put("start_at", start);
        f.put("due_at", t.dueAt != null ? t.dueAt : MeetingLinks.dueAt(due));
        f.put("status", t.status);
        f.put("priority", t.priority);
        f.put("description", t.description);
        f.put("lead_creatio_id", links.creatioId(EntityType.LEAD, t.leadId));
        f.put("contact_creatio_id", links.creatioId(EntityType.CONTACT, t.contactId));
        f.put("owner_creatio_id", t.ownerCreatioId);
        f.put("category_creatio_id", links.taskCategory());
        return new NiaRecord(t.id, f, t.updatedAt, t.version, t.deleted);
    }
}
