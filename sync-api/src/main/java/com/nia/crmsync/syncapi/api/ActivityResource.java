package com.nia.crmsync.syncapi.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.LookupValue;
import com.nia.crmsync.syncapi.entity.CompetitorMention;
import com.nia.crmsync.syncapi.entity.Meeting;
import com.nia.crmsync.syncapi.entity.MeetingParticipant;
import com.nia.crmsync.syncapi.entity.MeetingTask;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.list.QueryParams;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * NIA's meetings and tasks (every person's role), with their Creatio state: {@code GET
 * /api/v1/crm/meetings/} (filters {@code lead_id}, {@code meeting_id} — the NIA meeting id of the
 * events —, {@code origin} {@code nia}|{@code creatio}; newest first), {@code GET
 * /api/v1/crm/meetings/{id}} (with participants, tasks and competitor mentions) and {@code GET
 * /api/v1/crm/tasks/} (filters {@code lead_id}, {@code meeting}, {@code status}, {@code origin}; by
 * due date). Paged like every list ({@code page} from 0, {@code size} up to 500).
 */
@Path("/api/v1/crm")
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

    static final Set<String> ORIGINS = Set.of("nia", "creatio");
    /** The lookup set of a meeting's or task's Creatio owner. */
    static final String OWNER_SET = "Contact";
    static final Set<String> TASK_STATUSES = Set.of("not_started", "in_progress", "completed", "canceled");

    private final EntityManager em;
    private final LookupViews lookups;

    public ActivityResource(EntityManager em, LookupViews lookups) {
        this.em = em;
        this.lookups = lookups;
    }

    @GET
    @Path("/meetings/")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Transactional
    public PageView<ActivityView.MeetingItem> meetings(@QueryParam("lead_id") String leadId, @QueryParam("meeting_id") String meetingKey,
            @QueryParam("origin") String origin, @QueryParam("page") String page, @QueryParam("size") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Where where = new Where();
        where.add("leadId", QueryParams.uuid(leadId, "lead_id", errors));
        where.add("meetingKey", meetingKey == null || meetingKey.isBlank() ? null : meetingKey.strip());
        where.add("origin", oneOf(origin, "origin", ORIGINS, errors));
        int p = QueryParams.integer(page, "page", 0, 0, Integer.MAX_VALUE / 500, errors);
        int s = QueryParams.integer(size, "size", 50, 1, 500, errors);
        QueryParams.check(errors);
        List<Meeting> rows = where.apply(em.createQuery("from Meeting" + where.sql() + " order by startedAt desc, id", Meeting.class))
                .setFirstResult(p * s).setMaxResults(s).getResultList();
        long total = where.apply(em.createQuery("select count(m) from Meeting m" + where.sql(), Long.class)).getSingleResult();
        Map<UUID, CreatioSync> syncs = syncs(EntityType.MEETING, rows, m -> m.id);
        return new PageView<>(rows.stream().map(m -> ActivityView.MeetingItem.of(m, syncs.get(m.id), owner(m.ownerCreatioId))).toList(), p, s, total);
    }

    @GET
    @Path("/meetings/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Transactional
    public ActivityView.MeetingDetail meeting(@PathParam("id") String idText) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID id = QueryParams.uuid(idText, "id", errors);
        QueryParams.check(errors);
        Meeting m = em.find(Meeting.class, id);
        if (m == null) {
            throw new ProblemException(Response.Status.NOT_FOUND, "Not found", "No meeting " + id, List.of());
        }
        List<MeetingParticipant> participants = em.createQuery("from MeetingParticipant where meetingId = ?1 order by position",
                MeetingParticipant.class).setParameter(1, id).getResultList();
        List<MeetingTask> tasks = em.createQuery("from MeetingTask where meetingId = ?1 order by actionItemId", MeetingTask.class)
                .setParameter(1, id).getResultList();
        List<CompetitorMention> mentions = em.createQuery("from CompetitorMention where meetingId = ?1 and deleted = false "
                + "order by mentionKey", CompetitorMention.class).setParameter(1, id).getResultList();
        Map<UUID, CreatioSync> p = syncs(EntityType.ACTIVITY_PARTICIPANT, participants, x -> x.id);
        Map<UUID, CreatioSync> t = syncs(EntityType.TASK, tasks, x -> x.id);
        return new ActivityView.MeetingDetail(ActivityView.MeetingItem.of(m, syncs(EntityType.MEETING, List.of(m), x -> x.id).get(m.id),
                owner(m.ownerCreatioId)),
                participants.stream().map(x -> ActivityView.ParticipantItem.of(x, p.get(x.id))).toList(),
                tasks.stream().map(x -> ActivityView.TaskItem.of(x, t.get(x.id), owner(x.ownerCreatioId))).toList(),
                mentions.stream().map(ActivityView::mention).toList());
    }

    @GET
    @Path("/tasks/")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Transactional
    public PageView<ActivityView.TaskItem> tasks(@QueryParam("lead_id") String leadId, @QueryParam("meeting") String meeting,
            @QueryParam("status") String status, @QueryParam("origin") String origin, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Where where = new Where();
        where.add("leadId", QueryParams.uuid(leadId, "lead_id", errors));
        where.add("meetingId", QueryParams.uuid(meeting, "meeting", errors));
        where.add("status", oneOf(status, "status", TASK_STATUSES, errors));
        where.add("origin", oneOf(origin, "origin", ORIGINS, errors));
        int p = QueryParams.integer(page, "page", 0, 0, Integer.MAX_VALUE / 500, errors);
        int s = QueryParams.integer(size, "size", 50, 1, 500, errors);
        QueryParams.check(errors);
        List<MeetingTask> rows = where.apply(em.createQuery("from MeetingTask" + where.sql() + " order by dueDate nulls last, id",
                MeetingTask.class)).setFirstResult(p * s).setMaxResults(s).getResultList();
        long total = where.apply(em.createQuery("select count(t) from MeetingTask t" + where.sql(), Long.class)).getSingleResult();
        Map<UUID, CreatioSync> syncs = syncs(EntityType.TASK, rows, t -> t.id);
        return new PageView<>(rows.stream().map(t -> ActivityView.TaskItem.of(t, syncs.get(t.id), owner(t.ownerCreatioId))).toList(), p, s, total);
    }

    /** The Creatio owner contact with its display name (cached; null name when the gateway cannot say). */
    private LookupValue owner(UUID contactId) {
        return lookups.named(OWNER_SET, contactId);
    }

    private <T> Map<UUID, CreatioSync> syncs(EntityType type, List<T> rows, Function<T, UUID> id) {
        Map<UUID, CreatioSync> out = new HashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        em.createQuery("from CreatioSync where entityType = ?1 and localId in ?2", CreatioSync.class).setParameter(1, type.wire())
                .setParameter(2, rows.stream().map(id).toList()).getResultList().forEach(r -> out.put(r.localId, r));
        return out;
    }

    private static String oneOf(String value, String field, Set<String> allowed, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            errors.add(new Problem.FieldError(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))));
            return null;
        }
        return v;
    }

    /** Equality filters of a JPQL query, in order. */
    private static final class Where {
        private final Map<String, Object> conditions = new LinkedHashMap<>();

        void add(String property, Object value) {
            if (value != null) {
                conditions.put(property, value);
            }
        }

        String sql() {
            if (conditions.isEmpty()) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            int i = 1;
            for (String property : conditions.keySet()) {
                parts.add(property + " = ?" + i++);
            }
            return " where " + String.join(" and ", parts);
        }

        <T> TypedQuery<T> apply(TypedQuery<T> query) {
            int i = 1;
            for (Object value : conditions.values()) {
                query.setParameter(i++, value);
            }
            return query;
        }
    }
}
