package com.nia.crmsync.syncapi.results;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** The sync log. */
@ApplicationScoped
public class SyncLogRepository implements PanacheRepository<SyncLogEntry> {

    /** Durations of the latest entries that have one: how many, their average and 95th percentile (null when none). */
    public record Durations(long sampleSize, Double averageMillis, Double p95Millis) {
    }

    /** The durations of the latest {@code window} entries with a duration (native: {@code percentile_cont}). */
    public Durations recentDurations(int window) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT count(*), avg(duration_ms),"
                + " percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)"
                + " FROM (SELECT duration_ms FROM sync_log WHERE duration_ms IS NOT NULL ORDER BY occurred_at DESC LIMIT ?1) recent")
                .setParameter(1, window).getResultList();
        Object[] r = rows.get(0);
        return new Durations(((Number) r[0]).longValue(), decimal(r[1]), decimal(r[2]));
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
