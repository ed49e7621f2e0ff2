package com.nia.crmsync.syncapi.pull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.syncapi.entity.Meeting;
import com.nia.crmsync.syncapi.entity.MeetingTask;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.MeetingLinks;

/**
 * Activities both ways: the task pull reads Creatio's {@code Activity} set, which holds NIA's meetings
 * and tasks (found by their links and merged as usual: a task completed or re-dated in Creatio comes
 * back) and activities people created in Creatio. One of those becomes an NIA record when it points
 * at a lead or contact NIA has linked — a meeting when its category is the meeting category, else a
 * task — and is left alone otherwise (NIA does not mirror every activity). Creatio's history from
 * before the first activity pull is not imported.
 */
@ApplicationScoped
public class ActivityImport {

    /** The sync types an {@code Activity} row may be linked to. */
    static final List<String> TYPES = List.of(EntityType.TASK.wire(), EntityType.MEETING.wire());

    /** A pulled activity that became an NIA record. */
    public record Imported(EntityType type, UUID id) {
    }

    private final EntityManager em;
    private final MeetingLinks links;

    public ActivityImport(EntityManager em, MeetingLinks links) {
        this.em = em;
        this.links = links;
    }

    /** Whether the pull of {@code type} reads activities (the task pull). */
    public boolean reads(EntityType type) {
        return type == EntityType.TASK;
    }

    /**
     * The NIA record a Creatio activity no NIA record is linked to becomes, created now (not an NIA
     * edit: the caller links it and plans its first merge); null when it points at no linked lead or contact.
     * Its status and priority codes are mapped back as the meeting or task mapping of {@code cfg} says.
     */
    public Imported importRow(CreatioConfiguration cfg, UUID creatioId, Map<String, Object> values) {
        UUID lead = localOf(EntityType.LEAD, uuid(values.get("LeadId")));
        UUID contact = localOf(EntityType.CONTACT, uuid(values.get("ContactId")));
        if (creatioId == null || (lead == null && contact == null)) {
            return null;
        }
        Instant now = Instant.now();
        String title = text(values.get("Title"));
        Instant start = instant(values.get("StartDate"));
        Instant due = instant(values.get("DueDate"));
        UUID owner = uuid(values.get("OwnerId"));
        UUID category = uuid(values.get("ActivityCategoryId"));
        if (category != null && category.equals(links.meetingCategory())) {
            Meeting m = new Meeting();
            m.meetingKey = "creatio:" + creatioId;
            m.id = Ids.localIdFor(EntityType.MEETING, m.meetingKey);
            m.title = title == null ? "(no title)" : title;
            m.startedAt = start != null ? start : now;
            m.endedAt = due != null ? due : m.startedAt;
            m.leadId = lead;
            m.contactId = contact;
            m.notes = text(values.get("Notes"));
            m.status = Objects.requireNonNullElse(niaValue(cfg, EntityType.MEETING, values, "status"), "completed");
            m.ownerCreatioId = owner;
            m.ownerSource = owner == null ? null : "creatio";
            m.origin = "creatio";
            m.createdAt = now;
            m.updatedAt = now;
            em.persist(m);
            em.flush();
            Log.infof("Meeting activity %s created in Creatio imported as meeting %s", creatioId, m.id);
            return new Imported(EntityType.MEETING, m.id);
        }
        MeetingTask t = new MeetingTask();
        t.id = Ids.localIdFor(EntityType.TASK, "creatio:" + creatioId);
        t.title = title == null ? "(no title)" : title;
        t.startAt = start;
        t.dueAt = due;
        t.dueDate = due == null ? null : LocalDate.ofInstant(due, ZoneOffset.UTC);
        t.description = text(values.get("Notes"));
        t.status = Objects.requireNonNullElse(niaValue(cfg, EntityType.TASK, values, "status"), "not_started");
        t.priority = Objects.requireNonNullElse(niaValue(cfg, EntityType.TASK, values, "priority"), "medium");
        t.ownerCreatioId = owner;
        t.ownerSource = owner == null ? null : "creatio";
        t.leadId = lead;
        t.contactId = contact;
        t.origin = "creatio";
        t.createdAt = now;
        t.updatedAt = now;
        em.persist(t);
        em.flush();
        Log.infof("Activity %s created in Creatio imported as task %s", creatioId, t.id);
        return new Imported(EntityType.TASK, t.id);
    }

    private UUID localOf(EntityType type, UUID creatioId) {
        if (creatioId == null) {
            return null;
        }
        List<UUID> ids = em.createQuery("select s.localId from CreatioSync s where s.entityType = ?1 and s.creatioId = ?2", UUID.class)
                .setParameter(1, type.wire()).setParameter(2, creatioId).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** NIA's value of {@code field} for the Creatio columns, by {@code type}'s mapping; null when empty or not in its value map. */
    private static String niaValue(CreatioConfiguration cfg, EntityType type, Map<String, Object> values, String field) {
        return cfg.mapping(type).map(mapping -> text(FieldMapper.toNia(mapping, values, Map.of()).updates().get(field))).orElse(null);
    }

    private static UUID uuid(Object value) {
        Object v = CanonicalValues.canonical(value);
        if (v == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(v.toString());
            return id.equals(new UUID(0, 0)) ? null : id;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        return CanonicalValues.canonical(value) instanceof Instant i ? i : null;
    }

    private static String text(Object value) {
        return CanonicalValues.asText(CanonicalValues.canonical(value));
    }
}
