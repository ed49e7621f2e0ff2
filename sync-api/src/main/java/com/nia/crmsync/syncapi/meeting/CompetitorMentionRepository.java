package com.nia.crmsync.syncapi.meeting;

import static com.nia.crmsync.syncapi.repository.NativeValues.instant;
import static com.nia.crmsync.syncapi.repository.NativeValues.number;
import static com.nia.crmsync.syncapi.repository.NativeValues.uuid;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The live (not deleted) competitor mentions, read and counted by PostgreSQL in native SQL
 * (grouping by key, the latest spelling through {@code array_agg}, {@code date_trunc} periods), as
 * typed rows. Each list comes with the count of all its rows, for paging.
 */
@ApplicationScoped
public class CompetitorMentionRepository {

    private final EntityManager em;

    public CompetitorMentionRepository(EntityManager em) {
        this.em = em;
    }

    /** A page of the mentions, newest first. */
    public List<CompetitorReports.Mention> mentions(CompetitorStats.Filters f, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return rows("SELECT id, meeting_id, competitor, competitor_key, context, sentiment, lead_id, mentioned_at"
                + " FROM competitor_mention WHERE " + where + " ORDER BY mentioned_at DESC, id", params, page, size,
                r -> new CompetitorReports.Mention(uuid(r[0]), uuid(r[1]), (String) r[2], (String) r[3], (String) r[4], (String) r[5], uuid(r[6]),
                        instant(r[7])));
    }

    /** How many mentions there are. */
    public long countMentions(CompetitorStats.Filters f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return count("SELECT count(*) FROM competitor_mention WHERE " + where, params);
    }

    /** A page of the competitors, the most mentioned first. */
    public List<CompetitorReports.ByCompetitor> byCompetitor(CompetitorStats.Filters f, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return rows("SELECT competitor_key, (array_agg(competitor ORDER BY mentioned_at DESC, id))[1], count(*),"
                + " count(DISTINCT meeting_id), count(DISTINCT lead_id), min(mentioned_at), max(mentioned_at)"
                + " FROM competitor_mention WHERE " + where + " GROUP BY competitor_key ORDER BY count(*) DESC, competitor_key",
                params, page, size,
                r -> new CompetitorReports.ByCompetitor((String) r[0], (String) r[1], number(r[2]), number(r[3]), number(r[4]), instant(r[5]),
                        instant(r[6])));
    }

    /** How many competitors are mentioned. */
    public long countCompetitors(CompetitorStats.Filters f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return count("SELECT count(DISTINCT competitor_key) FROM competitor_mention WHERE " + where, params);
    }

    /** A page of the (lead, competitor) pairs of mentions with a lead, by lead, the most mentioned first. */
    public List<CompetitorReports.ByLead> byLead(CompetitorStats.Filters f, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params) + " AND lead_id IS NOT NULL";
        return rows("SELECT lead_id, competitor_key, (array_agg(competitor ORDER BY mentioned_at DESC, id))[1], count(*),"
                + " min(mentioned_at), max(mentioned_at) FROM competitor_mention WHERE " + where
                + " GROUP BY lead_id, competitor_key ORDER BY lead_id, count(*) DESC, competitor_key", params, page, size,
                r -> new CompetitorReports.ByLead(uuid(r[0]), (String) r[1], (String) r[2], number(r[3]), instant(r[4]), instant(r[5])));
    }

    /** How many (lead, competitor) pairs there are. */
    public long countByLead(CompetitorStats.Filters f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params) + " AND lead_id IS NOT NULL";
        return count("SELECT count(*) FROM (SELECT 1 FROM competitor_mention WHERE " + where
                + " GROUP BY lead_id, competitor_key) g", params);
    }

    /**
     * A page of the (period, competitor) pairs, oldest period first; {@code period} is one of
     * {@link CompetitorStats#PERIODS}.
     */
    public List<CompetitorReports.OverTime> overTime(String period, CompetitorStats.Filters f, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return rows("SELECT " + bucket(period) + ", competitor_key, (array_agg(competitor ORDER BY mentioned_at DESC, id))[1],"
                + " count(*) FROM competitor_mention WHERE " + where + " GROUP BY 1, 2 ORDER BY 1, count(*) DESC, 2", params, page, size,
                r -> new CompetitorReports.OverTime(day(r[0]), (String) r[1], (String) r[2], number(r[3])));
    }

    /** How many (period, competitor) pairs there are. */
    public long countOverTime(String period, CompetitorStats.Filters f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return count("SELECT count(*) FROM (SELECT 1 FROM competitor_mention WHERE " + where
                + " GROUP BY " + bucket(period) + ", competitor_key) g", params);
    }

    private static String bucket(String period) {
        if (!CompetitorStats.PERIODS.contains(period)) {
            throw new IllegalArgumentException("unknown period " + period);
        }
        // the unit comes from the fixed set, never from the request as such
        return "date_trunc('" + period + "', mentioned_at AT TIME ZONE 'UTC')";
    }

    private static String where(CompetitorStats.Filters f, List<Object> params) {
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
            params.add(Timestamp.from(f.since()));
            where.append(" AND mentioned_at >= ?").append(params.size());
        }
        if (f.until() != null) {
            params.add(Timestamp.from(f.until()));
            where.append(" AND mentioned_at < ?").append(params.size());
        }
        return where.toString();
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> rows(String sql, List<Object> params, int page, int size, Function<Object[], T> row) {
        Query q = bind(em.createNativeQuery(sql + " LIMIT " + size + " OFFSET " + ((long) page * size)), params);
        return ((List<Object[]>) q.getResultList()).stream().map(row).toList();
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
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        }
        if (value instanceof Instant t) {
            return LocalDate.ofInstant(t, ZoneOffset.UTC);
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }
}
