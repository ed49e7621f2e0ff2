package com.nia.crmsync.systemtest;

import static com.nia.crmsync.systemtest.BenchHarness.LONG;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.meeting.MeetingEnded.ActionItem;
import com.nia.crmsync.model.meeting.MeetingEnded.CompetitorMention;
import com.nia.crmsync.model.meeting.MeetingEnded.Participant;
import com.nia.crmsync.model.meeting.MeetingEnded.Person;
import com.nia.crmsync.model.meeting.MeetingEnded.Priority;
import com.nia.crmsync.model.meeting.MeetingEnded.Sentiment;

/**
 * Meeting-ended events at a steady rate, and the time from publishing each to its meeting
 * {@code Activity} existing in the simulator ({@link RatiosBench}'s meeting scenarios; not a test).
 * Each event is about a known lead (created in NIA and synced first), with its person among the
 * participants, the internal organizer, 2 action items, a budget and one competitor mention. The time
 * of an event is {@code Activity.CreatedOn} (the simulator stamps it with its clock, real time on this
 * machine) minus the moment just before the producer sent it, so polling costs no precision: the
 * simulator is read every 2 s (every 10 s while publishing), by title, with one OData query.
 */
final class MeetingSeries {

    /** The simulator's "Supervisor" contact: the default owner, so that no meeting waits for one. */
    static final UUID DEFAULT_OWNER = MeetingSystemTests.DEFAULT_OWNER;

    private MeetingSeries() {
    }

    // ---- the leads the meetings are about

    record Lead(UUID id, String name, String email, String company) {
    }

    /** Leads created in NIA and synced (linked) before any meeting; each meeting is about one of them. */
    static List<Lead> benchLeads(SyncPath sync, int n, String run) {
        Instant t0 = Instant.now();
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String company = "Bench Prospect " + run + "-" + i;
            String email = "bench.lead." + run + "." + i + "@prospect.example";
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("first_name", "Bench");
            f.put("last_name", "Lead" + i);
            f.put("email", email);
            f.put("company", company);
            f.put("title", "Head of Operations");
            f.put("status", "qualified");
            f.put("budget", 1000);
            leads.add(new Lead(sync.createLead(f), "Bench Lead" + i, email, company));
        }
        for (Lead lead : leads) {
            sync.awaitStatus(EntityType.LEAD, lead.id(), "synced", LONG);
        }
        System.out.printf("%d bench leads created and synced in %d s%n", n, Duration.between(t0, Instant.now()).toSeconds());
        return leads;
    }

    // ---- one series of meetings

    /** Latencies of one series (sorted, ms), the events whose activity never appeared, how long publishing took, the polls. */
    record Series(List<Long> millis, int missing, double seconds, int polls) {

        Series {
            millis = millis.stream().sorted().toList();
        }

        long p(int percentile) {
            return BenchTable.percentile(millis, percentile);
        }

        String figure(String name, double rate) {
            if (millis.isEmpty()) {
                return String.format("%s: NO meeting activity appeared (%d events)", name, missing);
            }
            return String.format("%s: %d meeting-ended events at %.1f/s over %.0f s; publish → meeting Activity in Creatio: "
                    + "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms, min %d ms%s", name, millis.size() + missing, rate, seconds,
                    p(50), p(95), p(99), millis.get(millis.size() - 1), millis.get(0),
                    missing == 0 ? "" : String.format("; %d never appeared within %d min", missing, LONG.toMinutes()));
        }
    }

    /** Publishes one event per lead at {@code rate} a second, then waits until every meeting activity exists (or {@link BenchHarness#LONG}). */
    static Series measure(CreatioOData creatio, KafkaProducer<String, String> producer, UUID meetingCategory,
            String series, List<Lead> leads, double rate) throws Exception {
        long periodNanos = (long) (1_000_000_000L / rate);
        Map<String, Instant> published = new LinkedHashMap<>();
        Map<String, Instant> created = new TreeMap<>();
        String filter = "contains(Title,'" + series + "') and ActivityCategory/Id eq " + meetingCategory;
        int polls = 0;
        long start = System.nanoTime();
        Instant lastPoll = Instant.now();
        for (int i = 0; i < leads.size(); i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            MeetingEnded e = meeting(series, i, leads.get(i));
            Envelope<MeetingEnded> envelope = Envelope.create(EventTypes.MEETING_ENDED, e.meetingId(), e);
            String json = Json.write(envelope);
            Instant at = Instant.now();
            producer.send(new ProducerRecord<>(Topics.MEETINGS_ENDED, e.meetingId(), json));
            published.put(e.title(), at);
            if (Duration.between(lastPoll, Instant.now()).toSeconds() >= 10) {
                lastPoll = Instant.now();
                created.putAll(createdOn(creatio, filter));
                polls++;
                System.out.printf("  %s %s: %d published, %d meeting activities in Creatio%n", Instant.now(), series, i + 1,
                        created.size());
            }
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        Instant deadline = Instant.now().plus(LONG);
        while (created.size() < published.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(2000);
            created.putAll(createdOn(creatio, filter));
            polls++;
        }
        List<Long> millis = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Instant> p : published.entrySet()) {
            Instant c = created.get(p.getKey());
            if (c == null) {
                missing++;
            } else {
                millis.add(Duration.between(p.getValue(), c).toMillis());
            }
        }
        return new Series(millis, missing, seconds, polls);
    }

    private static Map<String, Instant> createdOn(CreatioOData creatio, String filter) {
        Map<String, Instant> found = new TreeMap<>();
        for (Map<String, Object> row : creatio.rows("Activity", filter, "Title,CreatedOn")) {
            found.put(String.valueOf(row.get("Title")), Instant.parse(String.valueOf(row.get("CreatedOn"))));
        }
        return found;
    }

    /** A meeting about a known lead: its person, the internal organizer, 2 action items, a budget, a mention. */
    private static MeetingEnded meeting(String series, int i, Lead lead) {
        Instant ended = Instant.now();
        Instant started = ended.minus(Duration.ofMinutes(30));
        LocalDate day = LocalDate.ofInstant(started, ZoneOffset.UTC);
        String organizer = "bench.organizer@nia.example";
        return new MeetingEnded("bench-" + series + "-" + i, 1L, "Bench meeting " + series + " #" + i, started, ended,
                new Person("Bench Organizer", organizer),
                List.of(new Participant("Bench Organizer", organizer, "NIA", "Account Executive", true),
                        new Participant(lead.name(), lead.email(), lead.company(), "Head of Operations", false)),
                lead.id(), "Discussed the pilot; budget confirmed.", "discovery",
                Map.of("budget_discussed", true), new BigDecimal(20000 + i), "EUR",
                List.of(new ActionItem("ai-1", "Send the proposal (" + i + ")", null, organizer, "Bench Organizer",
                                day.plusDays(7), Priority.HIGH),
                        new ActionItem("ai-2", "Book the deep-dive (" + i + ")", null, organizer, "Bench Organizer",
                                day.plusDays(14), Priority.MEDIUM)),
                List.of(new CompetitorMention("m-1", "Globex Suite", "cheaper per seat", Sentiment.NEGATIVE)));
    }

    static KafkaProducer<String, String> producer(Stack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
