package com.nia.crmsync.systemtest;

import static com.nia.crmsync.systemtest.BenchHarness.LONG;
import static com.nia.crmsync.systemtest.BenchHarness.awaitPulled;
import static com.nia.crmsync.systemtest.BenchHarness.calls;
import static com.nia.crmsync.systemtest.BenchHarness.print;
import static com.nia.crmsync.systemtest.BenchHarness.resetCounters;
import static com.nia.crmsync.systemtest.BenchHarness.seed;
import static com.nia.crmsync.systemtest.BenchHarness.start;
import static com.nia.crmsync.systemtest.BenchHarness.startPull;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
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

import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.meeting.MeetingEnded.ActionItem;
import com.nia.crmsync.model.meeting.MeetingEnded.CompetitorMention;
import com.nia.crmsync.model.meeting.MeetingEnded.Participant;
import com.nia.crmsync.model.meeting.MeetingEnded.Person;
import com.nia.crmsync.model.meeting.MeetingEnded.Priority;
import com.nia.crmsync.model.meeting.MeetingEnded.Sentiment;
import com.nia.crmsync.model.resync.ResyncRequest;
import com.nia.crmsync.model.resync.ResyncScope;
import com.nia.crmsync.systemtest.BenchHarness.Calls;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 9's figures ({@code deploy/bench/meeting-bench}; not a test, not in CI): the time from
 * publishing a meeting-ended event to its meeting {@code Activity} existing in the simulator, over
 * at least 200 events at a steady rate, each about a known lead with 2 action items — (a) on a quiet
 * system, (b) while a forced bulk resync of every lead (10,000 seeded in the simulator and pulled
 * into NIA first, as {@code SyncBench} does) runs on the bulk lane.
 *
 * <p>The real packaged services with their default settings (the scheduled pull on, the default
 * budget), on random ports. The one configuration change: a default owner (the simulator's
 * "Supervisor" contact), without which a meeting whose organizer maps to no Creatio contact waits.
 * The time of each event is {@code Activity.CreatedOn} (the simulator stamps it with its clock, real
 * time on this machine) minus the moment just before the producer sent the event, so polling costs
 * no precision: the simulator is read every 2 s, by title, with one OData query. The stack, seeding,
 * pull and counters are {@link BenchHarness}'s, as {@link SyncBench} uses them.
 */
public final class MeetingBench {

    private static final UUID DEFAULT_OWNER = MeetingSystemTests.DEFAULT_OWNER;

    private MeetingBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.meetings", 200);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "2"));
        int resyncLeads = Integer.getInteger("bench.resync.leads", 10_000);
        Duration resyncWait = Duration.ofMinutes(Integer.getInteger("bench.resync.wait.minutes", 20));
        // (a) can be left out when only the figure beside the resync is wanted
        boolean quietSeries = !"false".equals(System.getProperty("bench.quiet", "true"));
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-stack")).toAbsolutePath();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        List<String> figures = new ArrayList<>();

        try (Stack stack = start(dir.resolve("meetings"))) {
            SyncPath sync = new SyncPath(stack);
            CreatioOData creatio = new CreatioOData(stack);
            if (resyncLeads > 0) {
                // first, as SyncBench does: the simulator's leads pulled into NIA, linked (a fresh stack has no watermark)
                Instant t0 = Instant.now();
                seed(sync, resyncLeads, 42, null);
                startPull(sync);
                awaitPulled(sync, resyncLeads);
                System.out.printf("%,d seeded leads pulled into NIA in %d s%n", resyncLeads,
                        Duration.between(t0, Instant.now()).toSeconds());
            }
            sync.changeConfiguration(c -> MeetingSystemTests.meetings(c).put("default_owner_contact_id", DEFAULT_OWNER.toString()));
            int phases = (quietSeries ? 1 : 0) + (resyncLeads > 0 ? 1 : 0);
            List<Lead> leads = benchLeads(sync, phases * events, run);
            UUID meetingCategory = creatio.lookup("ActivityCategory", "Meeting");

            try (KafkaProducer<String, String> producer = producer(stack)) {
                if (quietSeries) {
                    resetCounters(sync);
                    Series quiet = measure(sync, creatio, producer, meetingCategory, run + "q", leads.subList(0, events), rate,
                            null);
                    Calls calls = calls(sync);
                    long syncCalls = calls.quota() - quiet.polls();
                    figures.add(print(quiet.figure("(a) quiet system", rate) + String.format("; Creatio calls of the sync %d (%.1f "
                            + "per meeting; the benchmark's own %d polling reads left out), HTTP requests %d %s", syncCalls,
                            (double) syncCalls / events, quiet.polls(), calls.requests(), calls.byGroup())));
                }

                if (resyncLeads > 0) {
                    UUID resync = publishResync(stack, producer);
                    // the run exists and plans (or already runs) its commands: the bulk lane is busy from here on
                    await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() -> runOf(sync, resync)
                            .map(r -> !"queued".equals(r.getString("status"))).orElse(false));
                    System.out.printf("Resync run %s started: %s%n", resync, runOf(sync, resync).map(JsonPath::prettify).orElse("?"));
                    resetCounters(sync);
                    // a resync of every lead ends in about a minute when there is little to write: the next one is
                    // published as soon as one ends, so the bulk lane is busy for the whole series
                    Resyncs resyncs = new Resyncs(stack, producer, resync);
                    Series busy = measure(sync, creatio, producer, meetingCategory, run + "r", leads.subList(leads.size() - events,
                            leads.size()), rate, resyncs);
                    UUID last = resyncs.current;
                    Calls busyCalls = calls(sync);
                    String during = busy.figure("(b) during a forced resync of every lead (" + String.format("%,d", resyncLeads)
                            + " seeded + " + leads.size() + " bench leads)", rate);
                    // the run's end, for the record (a run still going after the wait is reported as it stands)
                    try {
                        await().atMost(resyncWait).pollInterval(Duration.ofSeconds(2)).until(() -> runOf(sync, last)
                                .map(r -> !active(r)).orElse(false));
                    } catch (org.awaitility.core.ConditionTimeoutException stillGoing) {
                        System.out.printf("The resync is still going after %d more minutes%n", resyncWait.toMinutes());
                    }
                    JsonPath r = runOf(sync, last).orElseThrow();
                    figures.add(print(during + String.format("; %d of %d events published while a resync was queued, planning or "
                            + "running (%d resync(s) back to back); the last resync: %s, total %s (synced %s, no change %s, conflicts %s, failed %s), %s → %s; "
                            + "Creatio calls during the series %d, HTTP requests %d %s", busy.publishedDuringRun(), events,
                            resyncs.started, r.getString("status"), r.get("total"), r.get("synced"), r.get("no_change"), r.get("conflicts"),
                            r.get("failed"), r.getString("started_at"), r.getString("finished_at"), busyCalls.quota(),
                            busyCalls.requests(), busyCalls.byGroup())));
                }
            }
        } catch (Exception e) {
            // whatever broke (a refused connection is a checked exception), the figures so far are printed and the JVM exits
            figures.add(print("NOT MEASURED: " + e));
            e.printStackTrace();
        }
        System.out.println("\n==== meeting-bench figures ====");
        figures.forEach(System.out::println);
        // the test issuer's HTTP server is not a daemon thread
        System.exit(0);
    }

    // ---- the leads the meetings are about

    private record Lead(UUID id, String name, String email, String company) {
    }

    /** Leads created in NIA and synced (linked) before any meeting; each meeting is about one of them. */
    private static List<Lead> benchLeads(SyncPath sync, int n, String run) {
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

    /** Latencies of one series, and how many of its events were published while a resync run was still running. */
    private record Series(List<Long> millis, int missing, int publishedDuringRun, double seconds, int polls) {
        String figure(String name, double rate) {
            List<Long> sorted = new ArrayList<>(millis);
            sorted.sort(Long::compare);
            if (sorted.isEmpty()) {
                return String.format("%s: NO meeting activity appeared (%d events)", name, missing);
            }
            return String.format("%s: %d meeting-ended events at %.1f/s over %.0f s; publish → meeting Activity in Creatio: "
                    + "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms, min %d ms%s", name, sorted.size() + missing, rate, seconds,
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted.get(sorted.size() - 1),
                    sorted.get(0), missing == 0 ? "" : String.format("; %d never appeared within %d min", missing, LONG.toMinutes()));
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static Series measure(SyncPath sync, CreatioOData creatio, KafkaProducer<String, String> producer, UUID meetingCategory,
            String series, List<Lead> leads, double rate, Resyncs resyncs) throws Exception {
        long periodNanos = (long) (1_000_000_000L / rate);
        Map<String, Instant> published = new LinkedHashMap<>();
        Map<String, Instant> created = new TreeMap<>();
        String filter = "contains(Title,'" + series + "') and ActivityCategory/Id eq " + meetingCategory;
        int duringRun = 0;
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
            if (resyncs != null && resyncs.busy(sync)) {
                duringRun++;
            }
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
        return new Series(millis, missing, duringRun, seconds, polls);
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

    private static KafkaProducer<String, String> producer(Stack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    // ---- the bulk resync

    /** A forced resync of every lead, published as another service would; the id of its run. */
    private static UUID publishResync(Stack stack, KafkaProducer<String, String> producer) throws Exception {
        UUID requestId = UUID.randomUUID();
        ResyncRequest request = new ResyncRequest(requestId, ResyncScope.ENTITY_TYPE, List.of(EntityType.LEAD), null, null, null,
                true, false, "meeting-bench");
        Envelope<ResyncRequest> envelope = Envelope.create(EventTypes.RESYNC_REQUESTED, requestId.toString(), request);
        producer.send(new ProducerRecord<>(Topics.SYNC_REQUESTS, requestId.toString(), Json.write(envelope))).get(30, TimeUnit.SECONDS);
        return Ids.resyncRunId(envelope.eventId());
    }

    /** The resyncs of series (b), back to back: when one has ended, the next is published. */
    private static final class Resyncs {
        private final Stack stack;
        private final KafkaProducer<String, String> producer;
        UUID current;
        int started = 1;

        Resyncs(Stack stack, KafkaProducer<String, String> producer, UUID first) {
            this.stack = stack;
            this.producer = producer;
            this.current = first;
        }

        /** Whether a resync is going now (asking for the next one when the last has ended). */
        boolean busy(SyncPath sync) throws Exception {
            if (runOf(sync, current).map(MeetingBench::active).orElse(true)) {
                return true;
            }
            current = publishResync(stack, producer);
            started++;
            System.out.printf("  %s resync #%d published: %s%n", Instant.now(), started, current);
            return true;
        }
    }

    /** Whether a run is still going: queued, planning its commands, or running them. */
    private static boolean active(JsonPath run) {
        return List.of("queued", "planning", "running").contains(run.getString("status"));
    }

    private static java.util.Optional<JsonPath> runOf(SyncPath sync, UUID runId) {
        var r = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId);
        return r.statusCode() == 200 ? java.util.Optional.of(r.jsonPath()) : java.util.Optional.empty();
    }
}
