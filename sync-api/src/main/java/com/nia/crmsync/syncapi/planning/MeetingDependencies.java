package com.nia.crmsync.syncapi.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import com.nia.crmsync.messaging.ConfigurationView;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.config.CreatioConfiguration.MeetingSettings;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.entity.CompetitorMention;
import com.nia.crmsync.syncapi.entity.Meeting;
import com.nia.crmsync.syncapi.entity.MeetingParticipant;
import com.nia.crmsync.syncapi.entity.MeetingTask;
import com.nia.crmsync.syncapi.records.ActivityLookups;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.records.MeetingLinks;
import com.nia.crmsync.syncapi.records.OwnerResolver;
import com.nia.crmsync.syncapi.records.SyncStatus;

/**
 * Plans a meeting's Creatio writes in an order where nothing points at a record that does not exist
 * yet (docs/meetings.md): the meeting once its lead and contact are linked and its owner and
 * category known, participants once the meeting and their contact are linked, tasks once their
 * lead/contact are, competitor mention rows (target {@code entity_set}) once the meeting is. A
 * record that cannot go yet keeps a {@code pending} sync state whose {@code last_error} starts with
 * {@value #WAITING} and names what it waits for; a check every {@code sync-api.meetings.wait-check}
 * (2 s) looks at each again — re-resolving the owner of a waiting meeting or task, so a new owner
 * map, default owner or the integration user's contact reaches it — and plans those whose wait is
 * over, e.g. when the new contact a participant points at was created in Creatio. When the check
 * sees a new configuration version loaded from the config topic (in every replica), it first
 * forgets the category names not found before and the integration user, so what the configuration
 * gives is seen at once. A record waiting longer than {@code sync-api.meetings.max-wait} (1 h) becomes
 * {@code failed}, its {@code last_error} starting with {@value #GAVE_UP} and saying for how long
 * and for what, logged at WARN; {@code retry-failed} puts it back to waiting.
 */
@ApplicationScoped
public class MeetingDependencies {

    /** The prefix of a waiting record's {@code last_error}. */
    public static final String WAITING = "waiting: ";
    /** The prefix of the {@code last_error} of a record failed because it waited too long. */
    public static final String GAVE_UP = "gave up waiting after ";

    private static final List<EntityType> TYPES = List.of(EntityType.MEETING, EntityType.TASK,
            EntityType.ACTIVITY_PARTICIPANT, EntityType.COMPETITOR_MENTION);

    private final EntityManager em;
    private final SyncPlanner planner;
    private final CreatioSyncRepository syncs;
    private final MeetingLinks links;
    private final ConfigurationService configuration;
    private final OwnerResolver owners;
    private final ActivityLookups lookups;
    private final ConfigurationView loaded;
    private final MeetingsConfig config;
    /** The configuration version the last check saw loaded. */
    private final AtomicLong seenVersion = new AtomicLong(-1);

    public MeetingDependencies(EntityManager em, SyncPlanner planner, CreatioSyncRepository syncs, MeetingLinks links,
            ConfigurationService configuration, OwnerResolver owners, ActivityLookups lookups, ConfigurationView loaded,
            MeetingsConfig config) {
        this.em = em;
        this.planner = planner;
        this.syncs = syncs;
        this.links = links;
        this.configuration = configuration;
        this.owners = owners;
        this.lookups = lookups;
        this.loaded = loaded;
        this.config = config;
    }

    /**
     * Called by the intake in its transaction after a meeting (and its participants, tasks and
     * mentions) was written: plans whatever of it can go to Creatio now; the rest waits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterIntake(UUID meetingId) {
        Meeting meeting = em.find(Meeting.class, meetingId);
        if (meeting == null) {
            return;
        }
        offer(EntityType.MEETING, meeting.id, waitOf(meeting));
        for (MeetingTask task : tasksOf(meeting.id)) {
            offer(EntityType.TASK, task.id, waitOf(task));
        }
        for (MeetingParticipant p : participantsOf(meeting.id)) {
            offer(EntityType.ACTIVITY_PARTICIPANT, p.id, waitOf(p));
        }
        if (configuration.current().configuration().competitorsToEntitySet()) {
            for (CompetitorMention c : mentionsOf(meeting.id)) {
                offer(EntityType.COMPETITOR_MENTION, c.id, waitOf(c));
            }
        }
    }

    @Scheduled(every = "${sync-api.meetings.wait-check:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        long version = loaded.version();
        if (version >= 0 && seenVersion.getAndSet(version) != version) {
            onNewConfiguration(version);
        }
        releaseWaiting();
    }

    /** A new configuration version was loaded: what it may give (a category, an owner) is asked for again. */
    void onNewConfiguration(long version) {
        lookups.forgetFailures();
        owners.forget();
        Log.infof("Configuration version %d loaded: the waiting meeting records are looked at again", version);
    }

    /** Plans the waiting records whose wait is over; returns how many were planned. */
    public int releaseWaiting() {
        List<CreatioSyncRepository.RecordRef> waiting;
        try {
            waiting = QuarkusTransaction.requiringNew().call(() -> syncs.pendingWithError(TYPES, WAITING, 500));
        } catch (RuntimeException e) {
            Log.warnf("Meeting wait check failed (the next one retries): %s", e.getMessage());
            return 0;
        }
        int planned = 0;
        for (CreatioSyncRepository.RecordRef r : waiting) {
            EntityType type = r.type();
            UUID id = r.localId();
            try {
                if (QuarkusTransaction.requiringNew().call(() -> recheck(type, id))) {
                    planned++;
                }
            } catch (RuntimeException e) {
                Log.warnf("Waiting %s %s not released now: %s", type.wire(), id, e.getMessage());
            }
        }
        return planned;
    }

    /**
     * Looks at one waiting record again; plans it when nothing is missing any more. A record that another
     * check decided after it was listed (the scheduled check and one after a new configuration version both
     * list it; the first failed it past its limit, or planned it) is left as that check left it: looked at
     * again, a failed record would be put back to waiting with its wait begun anew.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recheck(EntityType type, UUID id) {
        // the listing's condition (CreatioSyncRepository.pendingWithError), read again under the lock
        CreatioSync listed = planner.lockRecordThenState(type, id);
        if (listed.syncStatus() != SyncStatus.PENDING || listed.pendingCommandId != null || listed.lastError == null
                || !listed.lastError.startsWith(WAITING)) {
            return false;
        }
        String wait = switch (type) {
            case MEETING -> {
                Meeting m = em.find(Meeting.class, id);
                if (m == null) {
                    yield null;
                }
                reresolveOwner(m);
                yield waitOf(m);
            }
            case TASK -> {
                MeetingTask t = em.find(MeetingTask.class, id);
                if (t == null) {
                    yield null;
                }
                reresolveOwner(t);
                yield waitOf(t);
            }
            case ACTIVITY_PARTICIPANT -> {
                MeetingParticipant p = em.find(MeetingParticipant.class, id);
                yield p == null ? null : waitOf(p);
            }
            case COMPETITOR_MENTION -> {
                CompetitorMention c = em.find(CompetitorMention.class, id);
                yield c == null ? null : waitOf(c);
            }
            default -> null;
        };
        return offer(listed, type, id, wait);
    }

    /**
     * A waiting NIA meeting's owner resolved again from the configuration in force (an owner once
     * found is kept when none is found now); one imported from Creatio keeps Creatio's.
     */
    private void reresolveOwner(Meeting m) {
        if ("nia".equals(m.origin)) {
            setOwner(owners.resolve(m.organizerEmail, meetingSettings()), m.ownerCreatioId, m.ownerSource, (owner) -> {
                m.ownerCreatioId = owner.creatioId();
                m.ownerSource = owner.source();
                m.updatedAt = Instant.now();
            }, "meeting", m.id);
        }
    }

    /** A waiting NIA task's owner resolved again: its owner's email, else its meeting organizer's, as at the intake. */
    private void reresolveOwner(MeetingTask t) {
        if (!"nia".equals(t.origin)) {
            return;
        }
        String email = t.ownerEmail;
        if ((email == null || email.isBlank()) && t.meetingId != null) {
            Meeting m = em.find(Meeting.class, t.meetingId);
            email = m == null ? null : m.organizerEmail;
        }
        setOwner(owners.resolve(email, meetingSettings()), t.ownerCreatioId, t.ownerSource, (owner) -> {
            t.ownerCreatioId = owner.creatioId();
            t.ownerSource = owner.source();
            t.updatedAt = Instant.now();
        }, "task", t.id);
    }

    private static void setOwner(OwnerResolver.Owner found, UUID current, String currentSource,
            Consumer<OwnerResolver.Owner> set, String kind, UUID id) {
        if (found.creatioId() != null && (!found.creatioId().equals(current) || !Objects.equals(found.source(), currentSource))) {
            Log.infof("The waiting %s %s has the owner %s now (%s)", kind, id, found.creatioId(), found.source());
            set.accept(found);
        }
    }

    private MeetingSettings meetingSettings() {
        return configuration.current().configuration().meetings();
    }

    /** Plans the record, or marks it waiting with the reason (failed past the wait limit); returns whether it was planned. */
    private boolean offer(EntityType type, UUID id, String wait) {
        return offer(planner.lockOrCreate(type, id), type, id, wait);
    }

    /** {@link #offer(EntityType, UUID, String)} with the record's sync state already locked by this transaction. */
    private boolean offer(CreatioSync row, EntityType type, UUID id, String wait) {
        if (wait == null) {
            if (row.lastError != null && (row.lastError.startsWith(WAITING) || row.lastError.startsWith(GAVE_UP))) {
                row.lastError = null;
                row.syncStatus(SyncStatus.PENDING);
            }
            row.waitingSince = null;
            planner.plan(new SyncPlanner.Request(type, id, Lane.REALTIME, null, SyncPlanner.Way.TO_CREATIO, false, false));
            return true;
        }
        if (SyncPlanner.inFlight(row)) {
            // its command is with a worker: the record is planned again after the result and waits then
            return false;
        }
        Instant now = Instant.now();
        if (row.waitingSince == null) {
            row.waitingSince = now;
        }
        Duration waited = Duration.between(row.waitingSince, now);
        if (waited.compareTo(config.maxWait()) > 0) {
            // it must not wait in silence: failed, the retry and alert paths see it
            row.lastError = GAVE_UP + human(waited) + " (limit " + human(config.maxWait()) + ") for: " + wait;
            Log.warnf("%s %s failed: %s", type.wire(), id, row.lastError);
            row.syncStatus(SyncStatus.FAILED);
            row.waitingSince = null;
            row.nextRetryAt = null;
            row.updatedAt = now;
            return false;
        }
        String reason = WAITING + wait;
        if (!Objects.equals(row.lastError, reason)) {
            Log.infof("%s %s waits: %s", type.wire(), id, wait);
            row.lastError = reason;
            row.updatedAt = now;
        }
        row.syncStatus(SyncStatus.PENDING);
        row.nextRetryAt = null;
        return false;
    }

    /** {@code 1h0m12s}, {@code 45s}. */
    static String human(Duration d) {
        return d.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase(Locale.ROOT);
    }

    String waitOf(Meeting m) {
        return waitOfActivity(m.ownerCreatioId, "organizer's", links.meetingCategory(), "meeting", m.leadId, m.contactId);
    }

    String waitOf(MeetingTask t) {
        return waitOfActivity(t.ownerCreatioId, "owner's", links.taskCategory(), "task", t.leadId, t.contactId);
    }

    /** What a meeting or task activity waits for: its owner, its category, and its lead and contact linked. */
    private String waitOfActivity(UUID owner, String ownerEmail, UUID category, String kind, UUID leadId, UUID contactId) {
        List<String> missing = new ArrayList<>();
        if (owner == null) {
            missing.add("an owner (not in the owner map, no linked contact with the " + ownerEmail
                    + " email, no default owner, the integration user's contact not known)");
        }
        if (category == null) {
            missing.add("the " + kind + " activity category");
        }
        linked(missing, EntityType.LEAD, leadId);
        linked(missing, EntityType.CONTACT, contactId);
        return missing.isEmpty() ? null : String.join("; ", missing);
    }

    String waitOf(MeetingParticipant p) {
        if (p.deleted) {
            return null; // a dropped participant: its row goes (or, never written, nothing happens)
        }
        if (p.internal || p.contactId == null) {
            return "no contact to point at (internal, or known only as a lead)";
        }
        List<String> missing = new ArrayList<>();
        linked(missing, EntityType.MEETING, p.meetingId);
        linked(missing, EntityType.CONTACT, p.contactId);
        return missing.isEmpty() ? null : String.join("; ", missing);
    }

    String waitOf(CompetitorMention c) {
        if (c.deleted) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        linked(missing, EntityType.MEETING, c.meetingId);
        linked(missing, EntityType.LEAD, c.leadId);
        return missing.isEmpty() ? null : String.join("; ", missing);
    }

    private void linked(List<String> missing, EntityType type, UUID localId) {
        if (localId != null && links.creatioId(type, localId) == null) {
            missing.add(type.wire() + " " + localId + " linked to Creatio");
        }
    }

    private List<MeetingTask> tasksOf(UUID meetingId) {
        return em.createQuery("from MeetingTask where meetingId = ?1 order by actionItemId", MeetingTask.class)
                .setParameter(1, meetingId).getResultList();
    }

    private List<CompetitorMention> mentionsOf(UUID meetingId) {
        return em.createQuery("from CompetitorMention where meetingId = ?1 order by mentionKey", CompetitorMention.class)
                .setParameter(1, meetingId).getResultList();
    }

    private List<MeetingParticipant> participantsOf(UUID meetingId) {
        return em.createQuery("from MeetingParticipant where meetingId = ?1 and internal = false and contactId is not null"
                + " order by position", MeetingParticipant.class).setParameter(1, meetingId).getResultList();
    }
}
