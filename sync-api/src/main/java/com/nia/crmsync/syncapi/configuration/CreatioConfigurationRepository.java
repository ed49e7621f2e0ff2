package com.nia.crmsync.syncapi.configuration;

import static com.nia.crmsync.syncapi.repository.NativeValues.instant;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.json.ConfigDocuments;
import com.nia.crmsync.model.json.Json;

/**
 * {@code creatio_configuration}: every version of the configuration, its body as {@code jsonb}.
 * Native SQL for the advisory lock that serialises changes and the JSON casts. Bodies are written in
 * snake_case; versions stored in camelCase before are still read ({@link ConfigDocuments}).
 */
@ApplicationScoped
public class CreatioConfigurationRepository {

    /** An arbitrary constant naming the advisory lock that serialises configuration changes. */
    private static final long CHANGE_LOCK = 0x4e49_4143_4647L;

    private final EntityManager em;

    public CreatioConfigurationRepository(EntityManager em) {
        this.em = em;
    }

    /** Waits for, then holds until the transaction ends, the lock that serialises configuration changes. */
    public void lockChanges() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(" + CHANGE_LOCK + ")").getSingleResult();
    }

    /** The newest version, if any. */
    public Optional<ConfigRecord> latest() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT version, body::text, updated_at, updated_by FROM creatio_configuration ORDER BY version DESC LIMIT 1")
                .getResultList();
        return rows.stream().findFirst().map(row -> new ConfigRecord(((Number) row[0]).longValue(), instant(row[2]), (String) row[3],
                ConfigDocuments.readConfiguration((String) row[1])));
    }

    /** The newest version's number; 0 when there is none. */
    public long latestVersion() {
        Object max = em.createNativeQuery("SELECT coalesce(max(version), 0) FROM creatio_configuration").getSingleResult();
        return ((Number) max).longValue();
    }

    /** Stores a version. */
    public void insert(ConfigRecord record) {
        em.createNativeQuery("INSERT INTO creatio_configuration (version, body, updated_at, updated_by) VALUES (?1, CAST(?2 AS jsonb), ?3, ?4)")
                .setParameter(1, record.version())
                .setParameter(2, Json.write(record.configuration()))
                .setParameter(3, Timestamp.from(record.updatedAt()))
                .setParameter(4, record.updatedBy())
                .executeUpdate();
    }
}
