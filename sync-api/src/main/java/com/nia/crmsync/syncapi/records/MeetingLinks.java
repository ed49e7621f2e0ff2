package com.nia.crmsync.syncapi.records;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.planning.MeetingDependencies;

/**
 * What a meeting's records point at in Creatio: the Creatio ids of the NIA records they are linked
 * to (a lead, a contact, the meeting) and of the activity categories. A record pointing at something
 * not linked yet gets null here and waits ({@link MeetingDependencies}).
 */
@ApplicationScoped
public class MeetingLinks {

    private final EntityManager em;
    private final ActivityLookups lookups;
    private final ConfigurationService configuration;

    public MeetingLinks(EntityManager em, ActivityLookups lookups, ConfigurationService configuration) {
        this.em = em;
        this.lookups = lookups;
        this.configuration = configuration;
    }

    /** The Creatio id of the NIA record, or null when it has none (not linked yet, or no record). */
    public UUID creatioId(EntityType type, UUID localId) {
        if (localId == null) {
            return null;
        }
        // a plain read: no auto-flush of the caller's managed entities (their JSON columns are costly to dirty-check)
        java.util.List<UUID> ids = em.createQuery(
                "select s.creatioId from CreatioSync s where s.entityType = ?1 and s.localId = ?2", UUID.class)
                .setParameter(1, type.wire()).setParameter(2, localId).setFlushMode(FlushModeType.COMMIT).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** The meeting activity's category ({@code meetings.activityCategoryName}, "Meeting" by default), or null. */
    public UUID meetingCategory() {
        CreatioConfiguration.MeetingSettings settings = configuration.current().configuration().meetings();
        String name = settings == null || settings.activityCategoryName() == null ? "Meeting" : settings.activityCategoryName();
        return lookups.category(name).orElse(null);
    }

    /** The tasks' category ("To do"), or null. */
    public UUID taskCategory() {
        return lookups.category(DefaultConfiguration.TASK_CATEGORY_NAME).orElse(null);
    }

    /** A task's due instant: its date at noon UTC (the same calendar day from UTC-11 to UTC+11). */
    static Instant dueAt(java.time.LocalDate date) {
        return date == null ? null : date.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
    }
}
