package com.nia.crmsync.syncapi.meeting;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Finds the NIA contact or lead an external meeting participant is (docs/meetings.md, "Intake"):
 * by email first — contacts, then leads — then by name and company — contact {@code full_name} +
 * {@code company}, then lead first + last name + {@code company} — each case-insensitive, among
 * records not deleted, and only when exactly one record fits. NIA mirrors Creatio's contacts and
 * leads, so no Creatio call is needed.
 */
@ApplicationScoped
public class ParticipantMatcher {

    /** How a participant was matched ({@code meeting_participant.match_rule}). */
    public static final String EMAIL_CONTACT = "email_contact";
    public static final String EMAIL_LEAD = "email_lead";
    public static final String NAME_COMPANY_CONTACT = "name_company_contact";
    public static final String NAME_COMPANY_LEAD = "name_company_lead";
    /** An unknown external participant created as a new NIA contact. */
    public static final String CREATED = "created";
    /** An unknown external participant left unmatched ({@code createUnknownContacts} off). */
    public static final String UNMATCHED = "unmatched";
    /** Someone of the organizer's own company: kept, never matched or synced. */
    public static final String INTERNAL = "internal";

    /** A match: a contact or a lead, and the rule that found it. */
    public record Match(UUID contactId, UUID leadId, String rule) {
    }

    private final EntityManager em;

    public ParticipantMatcher(EntityManager em) {
        this.em = em;
    }

    /** The contact or lead of an external participant; null when none fits exactly. */
    public Match match(String email, String name, String company) {
        String e = normal(email);
        if (e != null) {
            UUID contact = single(ids("SELECT id FROM contact WHERE lower(email) = ?1 AND NOT deleted", e));
            if (contact != null) {
                return new Match(contact, null, EMAIL_CONTACT);
            }
            UUID lead = single(ids("SELECT id FROM lead WHERE lower(email) = ?1 AND NOT deleted", e));
            if (lead != null) {
                return new Match(null, lead, EMAIL_LEAD);
            }
        }
        String n = normal(name);
        String c = normal(company);
        if (n != null && c != null) {
            UUID contact = single(ids("SELECT id FROM contact WHERE lower(regexp_replace(trim(full_name), '\\s+', ' ', 'g')) = ?1"
                    + " AND lower(regexp_replace(trim(company), '\\s+', ' ', 'g')) = ?2 AND NOT deleted", n, c));
            if (contact != null) {
                return new Match(contact, null, NAME_COMPANY_CONTACT);
            }
            UUID lead = single(ids("SELECT id FROM lead WHERE lower(regexp_replace(trim(coalesce(first_name, '') || ' '"
                    + " || coalesce(last_name, '')), '\\s+', ' ', 'g')) = ?1"
                    + " AND lower(regexp_replace(trim(company), '\\s+', ' ', 'g')) = ?2 AND NOT deleted", n, c));
            if (lead != null) {
                return new Match(null, lead, NAME_COMPANY_LEAD);
            }
        }
        return null;
    }

    /** Whether the contact (or lead) a participant was matched to still exists, not deleted. */
    public boolean stillThere(UUID contactId, UUID leadId) {
        if (contactId != null) {
            return !ids("SELECT id FROM contact WHERE id = ?1 AND NOT deleted", contactId).isEmpty();
        }
        return leadId != null && !ids("SELECT id FROM lead WHERE id = ?1 AND NOT deleted", leadId).isEmpty();
    }

    /** Lower case, trimmed, inner whitespace collapsed; null when blank. */
    static String normal(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private List<UUID> ids(String sql, Object... params) {
        var query = em.createNativeQuery(sql + " LIMIT 2");
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return (List<UUID>) query.getResultList();
    }

    private static UUID single(List<UUID> ids) {
        return ids.size() == 1 ? ids.get(0) : null;
    }
}
