package com.nia.crmsync.syncapi.records;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.config.CreatioConfiguration.MeetingSettings;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.gateway.IntegrationUser;
import com.nia.crmsync.syncapi.gateway.GatewayClient;
import com.nia.crmsync.syncapi.gateway.GatewayProblemException;

/**
 * The Creatio owner (a Contact id) of a meeting or task, from an NIA user's email
 * (docs/meetings.md): the configured owner map (email → contact id, case-insensitive), else the
 * NIA contact with that email that is linked to Creatio, else the configured default owner, else
 * the integration user's own contact (the technical user behind the gateway's OAuth client, whom
 * Creatio itself makes the owner when none is given); the branch is kept as {@code owner_source}.
 * Only when the gateway cannot name the integration user is there no owner, and the record waits
 * for one. The integration user's contact is kept an hour, a failure to learn it 10 s.
 */
@ApplicationScoped
public class OwnerResolver {

    public static final String OWNER_MAP = "owner_map";
    public static final String CONTACT_LOOKUP = "contact_lookup";
    public static final String DEFAULT = "default";
    public static final String INTEGRATION_USER = "integration_user";

    static final Duration KEEP = Duration.ofHours(1);
    /** A failure to learn the integration user is not asked again for this long (waiting records are checked often). */
    static final Duration KEEP_FAILURE = Duration.ofSeconds(10);

    /** The owner's Creatio contact id and the branch that found it; both null when none did. */
    public record Owner(UUID creatioId, String source) {
        static final Owner NONE = new Owner(null, null);
    }

    /** The integration user's contact (null: not known) and when it was asked. */
    private record Learnt(UUID contactId, Instant at) {
    }

    private final EntityManager em;
    private final GatewayClient gateway;
    private final AtomicReference<Learnt> integrationUser = new AtomicReference<>();

    public OwnerResolver(EntityManager em, GatewayClient gateway) {
        this.em = em;
        this.gateway = gateway;
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
        UUID integrationContact = integrationUserContact();
        return integrationContact == null ? Owner.NONE : new Owner(integrationContact, INTEGRATION_USER);
    }

    /** Forgets the integration user's contact (found or not): the next resolution asks the gateway again. */
    public void forget() {
        integrationUser.set(null);
    }

    /** The integration user's contact through the gateway (which learns it once from Creatio); null when it cannot say now. */
    private UUID integrationUserContact() {
        Learnt learnt = integrationUser.get();
        Instant now = Instant.now();
        if (learnt != null && learnt.at().plus(learnt.contactId() == null ? KEEP_FAILURE : KEEP).isAfter(now)) {
            return learnt.contactId();
        }
        UUID contact;
        try {
            contact = gateway.integrationUser().map(IntegrationUser::contactId).orElse(null);
            if (contact == null) {
                Log.warnf("creatio-gateway cannot name the integration user: no owner of last resort for meetings and tasks");
            }
        } catch (GatewayProblemException e) {
            Log.warnf("The integration user's contact is not known now: %s", e.getMessage());
            contact = null;
        }
        integrationUser.set(new Learnt(contact, now));
        return contact;
    }
}
