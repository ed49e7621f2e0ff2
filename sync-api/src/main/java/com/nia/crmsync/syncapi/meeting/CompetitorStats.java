package com.nia.crmsync.syncapi.meeting;

import static com.nia.crmsync.syncapi.repository.NativeValues.instant;
import static com.nia.crmsync.syncapi.repository.NativeValues.number;
import static com.nia.crmsync.syncapi.repository.NativeValues.uuid;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.nia.crmsync.syncapi.meeting.CompetitorReports;
import com.nia.crmsync.web.list.PageView;

/**
 * Competitor mentions for {@code GET /api/v1/crm/competitors/}, counted by PostgreSQL: the live
 * (not deleted) mentions filtered by competitor, lead and time, listed newest first or grouped by
 * competitor, by lead and competitor, or by day, week or month and competitor.
 */
@ApplicationScoped
public class CompetitorStats {

    /** The time groupings, as {@code date_trunc} units. */
    public static final Set<String> PERIODS = Set.of("day", "week", "month");

    /** The filters; each may be absent. {@code competitor} is matched on its key (trimmed, lower case). */
    public record Filters(String competitor, UUID leadId, Instant since, Instant until) {
    }

    private final EntityManager em;

    public CompetitorStats(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public PageView<CompetitorReports.Mention> mentions(Filters f, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        List<Object[]> rows = rows("SELECT id, meeting_id, competitor, competitor_key, context, sentiment, lead_id, mentioned_at"
                + " FROM competitor_mention WHERE " + where + " ORDER BY mentioned_at DESC, id", params, page, size);
        List<CompetitorReports.Mention> items = rows.stream().map(r -> new CompetitorReports.Mention(uuid(r[0]), uuid(r[1]), (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], uuid(r[6]), instant(r[7]))).toList();
        return new PageView<>(items, page, size, count("SELECT count(*) FROM competitor_mention WHERE " + where, params));
    }

    @Transactional
    public PageView<CompetitorReports.ByCompetitor> byCompetitor(Filters f, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        List<Object[]> rows = rows("SELECT competitor_key, (array_agg(competitor ORDER BY mentioned_at DESC, id))[1], count(*),"
                + " count(DISTINCT meeting_id), count(DISTINCT lead_id), min(mentioned_at), max(mentioned_at)"
                + " FROM competitor_mention WHERE " + where + " GROUP BY competitor_key ORDER BY count(*) DESC, competitor_key",
                params, page, size);
        List<CompetitorReports.ByCompetitor> items = rows.stream().map(r -> new CompetitorReports.ByCompetitor((String) r[0], (String) r[1],
                number(r[2]), number(r[3]), number(r[4]), instant(r[5]), instant(r[6]))).toList();
        return new PageView<>(items, page, size,
                count("SELECT count(DISTINCT competitor_key) FROM competitor_mention WHERE " + where, params));
    }

    @Transactional
    public PageView<CompetitorReports.ByLead> byLead(Filters f, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params) + " AND lead_id IS NOT NULL";
        List<Object[]> rows = rows("SELECT lead_id, competitor_key, (array_agg(competitor ORDER BY mentioned_at DESC, id))[1], count(*),"
                + " min(mentioned_at), max(mentioned_at) FROM competitor_mention WHERE " + where
                + " GROUP BY lead_id, competitor_key ORDER BY lead_id, count(*) DESC, competitor_key", params, page, size);
        List<CompetitorReports.ByLead> items = rows.stream().map(r -> new CompetitorReports.ByLead(uuid(r[0]), (String) r[1], (String) r[2],
                number(r[3]), instant(r[4]), instant(r[5]))).toList();
        return new PageView<>(items, page, size, count("SELECT count(*) FROM (SELECT 1 FROM competitor_mention WHERE " + where
                + " GROUP BY lead_id, competitor_key) g", params));
    }

    /** Counts per period ({@link #PERIODS}, UTC) and competitor, oldest period first. */
    @Transactional
    public PageView<CompetitorReports.OverTime> overTime(String period, Filters f, int page, int size) {
        if (!PERIODS.contains(period)) {
            throw new IllegalArgumentException("unknown period " + period);
        }
        // the unit comes from the fixed set above, never from the request as such
        String bucket = "date_trunc('" + period + "', mentioned_at AT TIME ZONE 'UTC')";
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        List<Object[]> rows = rows("SELECT " + bucket + ", competitor_key, (array_agg(competitor ORDER BY mentioned_at DESC, id))[1],"
                + " count(*) FROM competitor_mention WHERE " + where + " GROUP BY 1, 2 ORDER BY 1, count(*) DESC, 2", params, page, size);
        List<CompetitorReports.OverTime> items = rows.stream().map(r -> new CompetitorReports.OverTime(day(r[0]), (String) r[1], (String) r[2],
                number(r[3]))).toList();
        return new PageView<>(items, page, size, count("SELECT count(*) FROM (SELECT 1 FROM competitor_mention WHERE " + where
                + " GROUP BY " + bucket + ", competitor_key) g", params));
    }

    private static String where(Filters f, List<Object> params) {
        StringBuilder where = new StringBuilder("NOT deleted");
        if (f.competitor() != null) {
            params.add(MeetingService.competitorKeyOf(f.competitor()));
            where.append(" AND competitor_key = ?").append(params.size());
        }
        if (f.leadId() != null) {
            params.add(f.leadId());
            where.append(" AND lead_id = ?").append(params.size());
        }
        if (f.since() != null) {
            params.add(java.sql.Timestamp.from(f.since()));
            where.append(" AND mentioned_at >= ?").append(params.size());
        }
        if (f.until() != null) {
            params.add(java.sql.Timestamp.from(f.until()));
            where.append(" AND mentioned_at < ?").append(params.size());
        }
        return where.toString();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, List<Object> params, int page, int size) {
        Query q = bind(em.createNativeQuery(sql + " LIMIT " + size + " OFFSET " + ((long) page * size)), params);
        return q.getResultList();
    }

    private long count(String sql, List<Object> params) {
        return number(bind(em.createNativeQuery(sql), params).getSingleResult());
    }

    private static Query bind(Query q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return q;
    }

    /** A {@code date_trunc} result (a timestamp without time zone, UTC) as its date. */
    private static LocalDate day(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toLocalDate();
        }
        if (value instanceof java.time.OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        }
        if (value instanceof Instant t) {
            return LocalDate.ofInstant(t, ZoneOffset.UTC);
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }
}
