package com.nia.crmsync.syncapi.meeting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.syncapi.service.ContactInput;
import com.nia.crmsync.syncapi.service.LeadInput;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.service.ContactService;
import com.nia.crmsync.syncapi.service.LeadService;

/** What the meeting tests share: leads and contacts made through the services, events, configurations in force. */
@ApplicationScoped
public class MeetingFixtures {

    static final Instant STARTED = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant ENDED = Instant.parse("2026-11-20T10:00:00Z");

    private final LeadService leads;
    private final ContactService contacts;
    private final EntityManager em;
    private final List<Long> configVersions = new ArrayList<>();

    public MeetingFixtures(LeadService leads, ContactService contacts, EntityManager em) {
        this.leads = leads;
        this.contacts = contacts;
        this.em = em;
    }

    /** A unique suffix for emails and keys. */
    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public UUID lead(String first, String last, String email, String company, String status) {
        return leads.create(new LeadInput(first, last, email, null, company, "CTO", status, null, null, false, false, null, null,
                null, null), null).view().id();
    }

    public UUID contact(String fullName, String email, String company) {
        return contacts.create(new ContactInput(fullName, email, null, null, company), null).view().id();
    }

    /** Marks the contact linked to Creatio under {@code creatioId} (as a sync result would). */
    public void link(UUID contactId, UUID creatioId) {
        sql("UPDATE creatio_sync SET creatio_id = ?1 WHERE entity_type = 'contact' AND local_id = ?2", creatioId, contactId);
    }

    public Lead leadRow(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Lead l = em.find(Lead.class, id);
            em.detach(l);
            return l;
        });
    }

    /**
     * Puts a configuration in force: the default one with {@code createUnknownContacts}, the owner map,
     * the default owner and the competitor target given.
     */
    public void configure(boolean createUnknownContacts, Map<String, UUID> ownerMap, UUID defaultOwner,
            CreatioConfiguration.CompetitorTarget target) {
        CreatioConfiguration d = DefaultConfiguration.create();
        CreatioConfiguration.MeetingSettings m = d.meetings();
        CreatioConfiguration c = new CreatioConfiguration(d.odataRoot(), d.entities(),
                new CreatioConfiguration.Flags(d.flags().pushEnabled(), d.flags().pullEnabled(), createUnknownContacts),
                d.batchSizes(), d.defaultMaxRetries(), d.deleteSafety(),
                new CreatioConfiguration.MeetingSettings(m.activityCategoryName(), ownerMap, defaultOwner, target,
                        target == CreatioConfiguration.CompetitorTarget.ENTITY_SET ? "UsrCompetitorMention" : null));
        long version = 3_000_000 + System.nanoTime() % 1_000_000;
        sql("INSERT INTO creatio_configuration (version, body, updated_at, updated_by) VALUES (?1, CAST(?2 AS jsonb), now(), 'test')",
                version, Json.write(c));
        configVersions.add(version);
    }

    /** Takes back every configuration a test put in force. */
    public void restoreConfiguration() {
        for (Long v : configVersions) {
            sql("DELETE FROM creatio_configuration WHERE version = ?1", v);
        }
        configVersions.clear();
    }

    public void sql(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }

    public long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    public Object value(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            List<?> rows = q.getResultList();
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    static MeetingEnded.Participant external(String name, String email, String company) {
        return new MeetingEnded.Participant(name, email, company, "Head of IT", false);
    }

    static MeetingEnded.Participant internal(String name, String email) {
        return new MeetingEnded.Participant(name, email, "NIA", "Account executive", true);
    }

    static MeetingEnded.ActionItem item(String id, String title, String ownerEmail, LocalDate due) {
        return new MeetingEnded.ActionItem(id, title, "details of " + title, ownerEmail, null, due, MeetingEnded.Priority.HIGH);
    }

    static MeetingEnded.CompetitorMention mention(String id, String competitor, MeetingEnded.Sentiment sentiment) {
        return new MeetingEnded.CompetitorMention(id, competitor, "they compared us with " + competitor, sentiment);
    }

    /** A meeting event with what the tests vary; the organizer is {@code organizerEmail}. */
    static MeetingEnded event(String meetingId, long revision, UUID leadId, String organizerEmail,
            List<MeetingEnded.Participant> participants, List<MeetingEnded.ActionItem> items,
            List<MeetingEnded.CompetitorMention> mentions) {
        return new MeetingEnded(meetingId, revision, "Demo of the sync", STARTED, ENDED,
                new MeetingEnded.Person("Sam Seller", organizerEmail), participants, leadId, "Went well.", "demo",
                Map.of("budget_discussed", true, "decision_maker_identified", true, "timeline", "Q1 2027"),
                new BigDecimal("50000"), "EUR", items, mentions);
    }

    static String envelope(UUID eventId, MeetingEnded event) {
        Envelope<MeetingEnded> e = Envelope.create(EventTypes.MEETING_ENDED, event.meetingId(), event);
        return Json.write(new Envelope<>(eventId, e.type(), e.schemaVersion(), e.aggregateId(), eventId, null, null, e.occurredAt(),
                event));
    }
}
