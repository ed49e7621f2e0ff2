package com.nia.crmsync.syncapi.meeting;

import static java.net.HttpURLConnection.HTTP_CONFLICT;
import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.CreatioConfiguration.CompetitorTarget;
import com.nia.crmsync.model.config.CreatioConfiguration.MeetingSettings;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.syncapi.service.ContactInput;
import com.nia.crmsync.syncapi.service.LeadInput;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.entity.CompetitorMention;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.entity.Meeting;
import com.nia.crmsync.syncapi.entity.MeetingParticipant;
import com.nia.crmsync.syncapi.entity.MeetingTask;
import com.nia.crmsync.syncapi.meeting.LeadMeetingRules.LeadState;
import com.nia.crmsync.syncapi.meeting.LeadMeetingRules.MeetingFacts;
import com.nia.crmsync.syncapi.meeting.ParticipantMatcher.Match;
import com.nia.crmsync.syncapi.planning.MeetingDependencies;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.OwnerResolver;
import com.nia.crmsync.syncapi.records.OwnerResolver.Owner;
import com.nia.crmsync.syncapi.service.ContactService;
import com.nia.crmsync.syncapi.service.LeadService;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * The intake of a meeting that ended (docs/meetings.md, "Intake"), from the consumer or the HTTP
 * equivalent: the meeting, its participants (matched to NIA contacts and leads, unknown ones created
 * as contacts when configured), its tasks, its competitor mentions and its lead's update — all in
 * one transaction, keyed by the meeting, so a redelivery or the same revision again writes nothing,
 * an older revision is ignored and a newer one updates what exists (a dropped action item cancels
 * its task). New contacts and the lead are written through {@link ContactService} and
 * {@link LeadService}, which plan their sync like any NIA edit; the meeting, tasks and participants
 * are handed to {@link MeetingDependencies}, which plans whatever can go to Creatio now.
 */
@ApplicationScoped
public class MeetingService {

    static final String TASK_OPEN = "not_started";
    static final String TASK_CANCELED = "canceled";
    /** A task in these statuses is not canceled when its item disappears: what was done stays done. */
    static final Set<String> TASK_KEPT = Set.of(TASK_CANCELED, "completed");
    static final String DEFAULT_PRIORITY = "medium";

    private final EntityManager em;
    private final MeetingRepository meetings;
    private final ParticipantMatcher matcher;
    private final OwnerResolver owners;
    private final ContactService contacts;
    private final LeadService leads;
    private final ConfigurationService configuration;
    private final MeetingDependencies dependencies;

    public MeetingService(EntityManager em, MeetingRepository meetings, ParticipantMatcher matcher, OwnerResolver owners,
            ContactService contacts, LeadService leads, ConfigurationService configuration, MeetingDependencies dependencies) {
        this.em = em;
        this.meetings = meetings;
        this.matcher = matcher;
        this.owners = owners;
        this.contacts = contacts;
        this.leads = leads;
        this.configuration = configuration;
        this.dependencies = dependencies;
    }

    /** The NIA id of a meeting: the same on every replay, so its Creatio activity id is too. */
    public static UUID meetingIdFor(String meetingKey) {
        return Ids.localIdFor(EntityType.MEETING, meetingKey);
    }

    /** The NIA id of an action item's task. */
    public static UUID taskIdFor(String meetingKey, String actionItemId) {
        return Ids.localIdFor(EntityType.TASK, meetingKey + "/" + actionItemId);
    }

    /**
     * Applies a valid event (its {@code validate()} empty) in the caller's transaction or a new one.
     *
     * @param eventId the event's id (null for the HTTP equivalent)
     */
    @Transactional
    public Intake apply(MeetingEnded event, UUID eventId) {
        String key = event.meetingId();
        UUID id = meetingIdFor(key);
        long revision = event.revision() == null ? 0 : event.revision();
        meetings.lock(key);
        Meeting found = meetings.findById(id);
        if (found != null && revision <= found.revision) {
            Intake.Outcome outcome = revision < found.revision ? Intake.Outcome.IGNORED : Intake.Outcome.UNCHANGED;
            if (outcome == Intake.Outcome.IGNORED) {
                Log.infof("Meeting %s: revision %d ignored, NIA holds revision %d", id, revision, found.revision);
            } else {
                Log.debugf("Meeting %s: revision %d again, nothing to change", id, revision);
            }
            return summary(found, outcome, Intake.Counts.NONE, Intake.Counts.NONE, List.of(), Map.of());
        }
        CreatioConfiguration config = configuration.current().configuration();
        MeetingSettings settings = config.meetings();
        boolean createUnknown = config.flags() != null && config.flags().createUnknownContacts();
        Instant now = Instant.now();
        boolean created = found == null;
        Meeting mt = created ? new Meeting() : found;
        if (created) {
            mt.id = id;
            mt.meetingKey = key;
            mt.status = "completed";
            mt.createdAt = now;
        }

        // participants first: they decide the meeting's contact and, without a lead in the event, its lead
        List<UUID> createdContacts = new ArrayList<>();
        List<MeetingParticipant> participants = matchParticipants(mt, event, createUnknown, createdContacts, now, created);
        UUID leadId = leadOf(event, participants);
        UUID contactId = participants.stream().filter(p -> !p.internal && p.contactId != null)
                .map(p -> p.contactId).findFirst().orElse(null);

        Owner owner = owners.resolve(event.organizer().email(), settings);
        Changes m = new Changes();
        m.set(mt.title, event.title(), v -> mt.title = v);
        m.set(mt.startedAt, event.startedAt(), v -> mt.startedAt = v);
        m.set(mt.endedAt, event.endedAt(), v -> mt.endedAt = v);
        m.set(mt.organizerName, event.organizer().name(), v -> mt.organizerName = v);
        m.set(mt.organizerEmail, event.organizer().email(), v -> mt.organizerEmail = v);
        m.set(mt.leadId, leadId, v -> mt.leadId = v);
        m.set(mt.contactId, contactId, v -> mt.contactId = v);
        m.set(mt.summary, event.summary(), v -> mt.summary = v);
        m.set(mt.meetingType, event.meetingType(), v -> mt.meetingType = v);
        m.set(mt.ownerCreatioId, owner.creatioId(), v -> mt.ownerCreatioId = v);
        m.set(mt.ownerSource, owner.source(), v -> mt.ownerSource = v);
        m.set(mt.revision, revision, v -> mt.revision = v);
        m.set(mt.eventId, eventId, v -> mt.eventId = v);
        if (mt.deleted) {
            mt.deleted = false;
            mt.deletedAt = null;
            m.changed = true;
        }
        // notes: the summary and, by default (competitorTarget notes), a block of the mentions
        List<MeetingEnded.CompetitorMention> liveMentions = event.competitorMentions() == null ? List.of()
                : event.competitorMentions();
        m.set(mt.notes, notes(event.summary(), liveMentions, settings), v -> mt.notes = v);
        if (m.changed || created) {
            mt.updatedAt = now;
        }
        if (created) {
            meetings.persist(mt);
        }
        em.flush();
        for (MeetingParticipant p : participants) {
            if (p.createdAt == null) {
                p.createdAt = now;
                p.updatedAt = now;
                em.persist(p);
            }
        }

        Intake.Counts tasks = applyTasks(mt, event, settings, owner, now);
        Intake.Counts mentions = applyMentions(mt, liveMentions, now);
        Map<String, Object> leadChanges = leadId == null ? Map.of() : updateLead(leadId, factsOf(event));
        em.flush();
        dependencies.afterIntake(mt.id);
        Log.infof("Meeting %s revision %d %s: %d participant(s), tasks %s, mentions %s, %d contact(s) created, lead %s %s",
                mt.id, revision, created ? "created" : "updated", participants.size(), tasks, mentions, createdContacts.size(),
                leadId, leadChanges.keySet());
        return summary(mt, created ? Intake.Outcome.CREATED : Intake.Outcome.UPDATED, tasks, mentions, createdContacts, leadChanges);
    }

    /**
     * The lead rules alone (the HTTP {@code update-lead-from-meeting}): the lead's changed fields,
     * written as an NIA edit that plans its sync; empty when the lead already holds them.
     * A lead that is not there, or deleted, answers as {@link LeadService} does (404, 409).
     */
    @Transactional
    public Map<String, Object> updateLead(UUID leadId, MeetingFacts facts) {
        Lead lead = em.find(Lead.class, leadId);
        if (lead == null) {
            throw new ProblemException(HTTP_NOT_FOUND, "Unknown lead", "No lead " + leadId, List.of());
        }
        if (lead.deleted) {
            throw new ProblemException(HTTP_CONFLICT, "Lead deleted", "Lead " + leadId + " is deleted", List.of());
        }
        Map<String, Object> changes = LeadMeetingRules.changes(stateOf(lead), facts);
        if (changes.isEmpty()) {
            return Map.of();
        }
        LeadState after = LeadMeetingRules.apply(stateOf(lead), changes);
        leads.replace(leadId, new LeadInput(lead.firstName, lead.lastName, lead.email, lead.phone, lead.company, lead.title,
                after.status(), lead.ownerEmail, after.budget(), after.budgetDiscussed(), after.decisionMakerIdentified(),
                after.timeline(), after.meetingType(), after.meetingDate(), after.notes()), null);
        return changes;
    }

    /** The facts of an event the lead rules read. */
    public static MeetingFacts factsOf(MeetingEnded event) {
        return new MeetingFacts(event.title(), event.startedAt(), event.meetingType(), event.estimatedBudget(),
                event.qualificationInsights());
    }

    static LeadState stateOf(Lead l) {
        return new LeadState(l.status, l.budget, l.budgetDiscussed, l.decisionMakerIdentified, l.timeline, l.meetingType,
                l.meetingDate, l.notes);
    }

    /**
     * The participant rows after this event: one per participant (found again by email, else name and
     * company), matched anew unless an earlier revision's match still stands; rows of participants no
     * longer in the event are soft-deleted. New rows are returned unsaved ({@code createdAt} null).
     */
    private List<MeetingParticipant> matchParticipants(Meeting meeting, MeetingEnded event, boolean createUnknown,
            List<UUID> createdContacts, Instant now, boolean created) {
        Map<UUID, MeetingParticipant> existing = new LinkedHashMap<>();
        if (!created) {
            meetings.participantsOf(meeting.id).forEach(p -> existing.put(p.id, p));
        }
        List<MeetingParticipant> result = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<MeetingEnded.Participant> list = event.participants() == null ? List.of() : event.participants();
        if (createUnknown) {
            meetings.lockParticipants(list.stream().filter(p -> !Boolean.TRUE.equals(p.internal())).map(MeetingService::identityOf)
                    .toList());
        }
        for (int i = 0; i < list.size(); i++) {
            MeetingEnded.Participant in = list.get(i);
            String identity = identityOf(in);
            int n = seen.merge(identity, 1, Integer::sum);
            UUID id = Ids.localIdFor(EntityType.ACTIVITY_PARTICIPANT, meeting.meetingKey + "/" + identity + (n > 1 ? "#" + n : ""));
            MeetingParticipant p = existing.remove(id);
            if (p == null) {
                p = new MeetingParticipant();
                p.id = id;
                p.meetingId = meeting.id;
            }
            MeetingParticipant row = p;
            Changes c = new Changes();
            c.set(row.position, i, v -> row.position = v);
            c.set(row.name, in.name(), v -> row.name = v);
            c.set(row.email, in.email(), v -> row.email = v);
            c.set(row.company, in.company(), v -> row.company = v);
            c.set(row.jobTitle, in.jobTitle(), v -> row.jobTitle = v);
            boolean internal = Boolean.TRUE.equals(in.internal());
            c.set(row.internal, internal, v -> row.internal = v);
            Match match;
            if (internal) {
                match = new Match(null, null, ParticipantMatcher.INTERNAL);
            } else if (row.matchRule != null && !ParticipantMatcher.INTERNAL.equals(row.matchRule)
                    && !ParticipantMatcher.UNMATCHED.equals(row.matchRule) && matcher.stillThere(row.contactId, row.leadId)) {
                match = new Match(row.contactId, row.leadId, row.matchRule);
            } else {
                match = matcher.match(in.email(), in.name(), in.company());
                if (match == null && createUnknown) {
                    UUID contact = createContact(in);
                    createdContacts.add(contact);
                    match = new Match(contact, null, ParticipantMatcher.CREATED);
                } else if (match == null) {
                    match = new Match(null, null, ParticipantMatcher.UNMATCHED);
                }
            }
            Match m = match;
            c.set(row.contactId, m.contactId(), v -> row.contactId = v);
            c.set(row.leadId, m.leadId(), v -> row.leadId = v);
            c.set(row.matchRule, m.rule(), v -> row.matchRule = v);
            if (row.deleted) {
                row.deleted = false;
                row.deletedAt = null;
                c.changed = true;
            }
            if (c.changed && row.createdAt != null) {
                row.updatedAt = now;
            }
            result.add(row);
        }
        for (MeetingParticipant gone : existing.values()) {
            if (!gone.deleted) {
                gone.deleted = true;
                gone.deletedAt = now;
                gone.updatedAt = now;
            }
        }
        return result;
    }

    /** A new NIA contact for an unknown participant, through the contact service (which plans its sync). */
    private UUID createContact(MeetingEnded.Participant in) {
        String name = in.name() == null || in.name().isBlank() ? in.email() : in.name().strip();
        return contacts.create(new ContactInput(name, in.email(), null, in.jobTitle(), in.company()), null).view().id();
    }

    /** How a participant is found again in a later revision: its email, else its name and company. */
    static String identityOf(MeetingEnded.Participant p) {
        String email = ParticipantMatcher.normal(p.email());
        if (email != null) {
            return email;
        }
        return "name:" + Objects.requireNonNullElse(ParticipantMatcher.normal(p.name()), "") + "|"
                + Objects.requireNonNullElse(ParticipantMatcher.normal(p.company()), "");
    }

    /** The event's lead when NIA has it, else the one lead the external participants matched. */
    private UUID leadOf(MeetingEnded event, List<MeetingParticipant> participants) {
        if (event.leadId() != null) {
            Lead lead = em.find(Lead.class, event.leadId());
            if (lead != null && !lead.deleted) {
                return lead.id;
            }
            Log.warnf("Meeting %s names lead %s, which NIA does not hold (or holds deleted); the participants decide",
                    event.meetingId(), event.leadId());
        }
        Set<UUID> matched = new LinkedHashSet<>();
        participants.stream().filter(p -> !p.internal && p.leadId != null).forEach(p -> matched.add(p.leadId));
        return matched.size() == 1 ? matched.iterator().next() : null;
    }

    private Intake.Counts applyTasks(Meeting meeting, MeetingEnded event, MeetingSettings settings, Owner organizer, Instant now) {
        Map<String, MeetingTask> existing = new LinkedHashMap<>();
        meetings.tasksOf(meeting.id).forEach(t -> existing.put(t.actionItemId, t));
        Map<String, Owner> ownerByEmail = new HashMap<>();
        int added = 0;
        int updated = 0;
        int canceled = 0;
        int reopened = 0;
        int unchanged = 0;
        for (MeetingEnded.ActionItem item : event.actionItems() == null ? List.<MeetingEnded.ActionItem>of() : event.actionItems()) {
            Owner owner = item.ownerEmail() == null || item.ownerEmail().isBlank() ? organizer
                    : ownerByEmail.computeIfAbsent(item.ownerEmail().toLowerCase(Locale.ROOT), e -> owners.resolve(e, settings));
            MeetingTask t = existing.remove(item.actionItemId());
            boolean isNew = t == null;
            if (isNew) {
                t = new MeetingTask();
                t.id = taskIdFor(meeting.meetingKey, item.actionItemId());
                t.meetingId = meeting.id;
                t.actionItemId = item.actionItemId();
                t.status = TASK_OPEN;
                t.createdAt = now;
            }
            MeetingTask task = t;
            Changes c = new Changes();
            c.set(task.title, item.title(), v -> task.title = v);
            c.set(task.description, item.description(), v -> task.description = v);
            c.set(task.ownerEmail, item.ownerEmail(), v -> task.ownerEmail = v);
            c.set(task.ownerName, item.ownerName(), v -> task.ownerName = v);
            c.set(task.ownerCreatioId, owner.creatioId(), v -> task.ownerCreatioId = v);
            c.set(task.ownerSource, owner.source(), v -> task.ownerSource = v);
            c.set(task.dueDate, item.dueDate(), v -> {
                task.dueDate = v;
                task.dueAt = null; // the event's new date counts, not an earlier re-dating in Creatio
            });
            c.set(task.priority, item.priority() == null ? DEFAULT_PRIORITY : item.priority().wire(), v -> task.priority = v);
            c.set(task.leadId, meeting.leadId, v -> task.leadId = v);
            c.set(task.contactId, meeting.contactId, v -> task.contactId = v);
            boolean reopen = !isNew && TASK_CANCELED.equals(task.status);
            if (reopen) {
                task.status = TASK_OPEN;
                c.changed = true;
            }
            if (isNew) {
                task.updatedAt = now;
                em.persist(task);
                added++;
            } else if (c.changed) {
                task.updatedAt = now;
                if (reopen) {
                    reopened++;
                } else {
                    updated++;
                }
            } else {
                unchanged++;
            }
        }
        for (MeetingTask dropped : existing.values()) {
            if (!dropped.deleted && !TASK_KEPT.contains(dropped.status)) {
                dropped.status = TASK_CANCELED;
                dropped.updatedAt = now;
                canceled++;
            }
        }
        return new Intake.Counts(added, updated, canceled, reopened, 0, unchanged);
    }

    private Intake.Counts applyMentions(Meeting meeting, List<MeetingEnded.CompetitorMention> mentions, Instant now) {
        Map<String, CompetitorMention> existing = new LinkedHashMap<>();
        meetings.mentionsOf(meeting.id).forEach(c -> existing.put(c.mentionKey, c));
        Map<String, Integer> seen = new HashMap<>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (MeetingEnded.CompetitorMention in : mentions) {
            String base = mentionKeyOf(in);
            int n = seen.merge(base, 1, Integer::sum);
            String mentionKey = n > 1 ? base + "#" + n : base;
            CompetitorMention row = existing.remove(mentionKey);
            boolean isNew = row == null;
            if (isNew) {
                row = new CompetitorMention();
                row.id = Ids.localIdFor(EntityType.COMPETITOR_MENTION, meeting.meetingKey + "/" + mentionKey);
                row.meetingId = meeting.id;
                row.mentionKey = mentionKey;
                row.createdAt = now;
            }
            CompetitorMention r = row;
            Changes c = new Changes();
            c.set(r.competitor, in.competitor().strip(), v -> r.competitor = v);
            c.set(r.competitorKey, competitorKeyOf(in.competitor()), v -> r.competitorKey = v);
            c.set(r.context, in.context(), v -> r.context = v);
            c.set(r.sentiment, in.sentiment() == null ? null : in.sentiment().wire(), v -> r.sentiment = v);
            c.set(r.leadId, meeting.leadId, v -> r.leadId = v);
            c.set(r.mentionedAt, meeting.endedAt, v -> r.mentionedAt = v);
            if (r.deleted) {
                r.deleted = false;
                r.deletedAt = null;
                c.changed = true;
            }
            if (isNew) {
                r.updatedAt = now;
                em.persist(r);
                added++;
            } else if (c.changed) {
                r.updatedAt = now;
                updated++;
            } else {
                unchanged++;
            }
        }
        int removed = 0;
        for (CompetitorMention gone : existing.values()) {
            if (!gone.deleted) {
                gone.deleted = true;
                gone.deletedAt = now;
                gone.updatedAt = now;
                removed++;
            }
        }
        return new Intake.Counts(added, updated, 0, 0, removed, unchanged);
    }

    /** {@code mentionId}, else the competitor in lower case. */
    static String mentionKeyOf(MeetingEnded.CompetitorMention m) {
        return m.mentionId() != null && !m.mentionId().isBlank() ? m.mentionId().strip() : competitorKeyOf(m.competitor());
    }

    /** The competitor as it is grouped and filtered: trimmed, lower case. */
    public static String competitorKeyOf(String competitor) {
        return competitor.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The meeting activity's notes: the summary and — when mentions go to the notes (the default) —
     * a block naming each competitor mentioned, in the event's order.
     */
    static String notes(String summary, List<MeetingEnded.CompetitorMention> mentions, MeetingSettings settings) {
        boolean toNotes = settings == null || settings.competitorTarget() == null
                || settings.competitorTarget() == CompetitorTarget.NOTES;
        if (!toNotes || mentions.isEmpty()) {
            return summary;
        }
        StringBuilder block = new StringBuilder("Competitors mentioned:");
        for (MeetingEnded.CompetitorMention m : mentions) {
            block.append("\n- ").append(m.competitor().strip());
            if (m.sentiment() != null) {
                block.append(" (").append(m.sentiment().wire()).append(')');
            }
            if (m.context() != null && !m.context().isBlank()) {
                block.append(": ").append(m.context().strip());
            }
        }
        return summary == null || summary.isBlank() ? block.toString() : summary + "\n\n" + block;
    }

    private Intake summary(Meeting meeting, Intake.Outcome outcome, Intake.Counts tasks, Intake.Counts mentions,
            List<UUID> createdContacts, Map<String, Object> leadChanges) {
        List<MeetingParticipant> rows = meetings.participantsOf(meeting.id).stream().filter(p -> !p.deleted).toList();
        List<Intake.Participant> participants = rows.stream().map(p -> new Intake.Participant(p.id, p.name, p.email, p.internal,
                p.matchRule, p.contactId, p.leadId)).toList();
        List<UUID> ids = new ArrayList<>();
        ids.add(meeting.id);
        meetings.tasksOf(meeting.id).forEach(t -> ids.add(t.id));
        rows.forEach(p -> ids.add(p.id));
        ids.addAll(createdContacts);
        if (meeting.leadId != null) {
            ids.add(meeting.leadId);
        }
        List<Intake.Planned> planned = em.createQuery("from CreatioSync where localId in :ids order by entityType, localId",
                CreatioSync.class).setParameter("ids", ids).getResultList().stream()
                .map(s -> new Intake.Planned(s.entityType, s.localId, s.status, s.pendingCommandId != null,
                        s.lastError != null && s.lastError.startsWith(MeetingDependencies.WAITING)
                                ? s.lastError.substring(MeetingDependencies.WAITING.length()) : null))
                .toList();
        return new Intake(meeting.id, meeting.meetingKey, meeting.revision, outcome, meeting.leadId, meeting.contactId,
                meeting.ownerSource, participants, tasks, mentions, List.copyOf(createdContacts), leadChanges, planned);
    }

    /** Assigns a field only when its value differs, so an unchanged row stays clean (no version, no sync). */
    private static final class Changes {
        boolean changed;

        <T> void set(T current, T value, Consumer<T> setter) {
            if (!Objects.equals(current, value)) {
                setter.accept(value);
                changed = true;
            }
        }

    }
}
