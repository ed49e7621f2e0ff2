package com.nia.crmsync.syncapi.meeting;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.nia.crmsync.model.config.CreatioConfiguration.MeetingSettings;
import com.nia.crmsync.model.entity.EntityType;

/**
 * The Creatio owner (a Contact id) of a meeting or task, from an NIA user's email
 * (docs/meetings.md): the configured owner map (email → contact id, case-insensitive), else the
 * NIA contact with that email that is linked to Creatio, else the configured default owner; the
 * branch is kept as {@code owner_source}. Without any of them there is no owner and the record
 * waits for one.
 */
@ApplicationScoped
public class OwnerResolver {

    public static final String OWNER_MAP = "owner_map";
    public static final String CONTACT_LOOKUP = "contact_lookup";
    public static final String DEFAULT = "default";

    /** The owner's Creatio contact id and the branch that found it; both null when none did. */
    public record Owner(UUID creatioId, String source) {
        static final Owner NONE = new Owner(null, null);
    }

    private final EntityManager em;

    public OwnerResolver(EntityManager em) {
        this.em = em;
    }

    public Owner resolve(String email, MeetingSettings settings) {
        String key = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
        if (key != null && settings != null && settings.ownerMap() != null) {
            for (Map.Entry<String, UUID> e : settings.ownerMap().entrySet()) {
                if (e.getKey() != null && e.getValue() != null && key.equals(e.getKey().strip().toLowerCase(Locale.ROOT))) {
                    return new Owner(e.getValue(), OWNER_MAP);
                }
            }
        }
        if (key != null) {
            @SuppressWarnings("unchecked")
            List<UUID> linked = em.createNativeQuery("SELECT s.creatio_id FROM contact c JOIN creatio_sync s"
                    + " ON s.entity_type = ?1 AND s.local_id = c.id AND s.creatio_id IS NOT NULL"
                    + " WHERE lower(c.email) = ?2 AND NOT c.deleted ORDER BY c.updated_at DESC, c.id LIMIT 1")
                    .setParameter(1, EntityType.CONTACT.wire()).setParameter(2, key).getResultList();
            if (!linked.isEmpty()) {
                return new Owner(linked.get(0), CONTACT_LOOKUP);
            }
        }
        if (settings != null && settings.defaultOwnerContactId() != null) {
            return new Owner(settings.defaultOwnerContactId(), DEFAULT);
        }
        return Owner.NONE;
    }
}
