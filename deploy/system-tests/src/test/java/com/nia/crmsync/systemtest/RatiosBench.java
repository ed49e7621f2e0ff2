package com.nia.crmsync.systemtest;

import static com.nia.crmsync.systemtest.BenchHarness.LONG;
import static com.nia.crmsync.systemtest.BenchHarness.calls;
import static com.nia.crmsync.systemtest.BenchHarness.resetCounters;
import static com.nia.crmsync.systemtest.BenchHarness.seed;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.systemtest.BenchHarness.Calls;
import com.nia.crmsync.systemtest.BenchTable.Round;
import com.nia.crmsync.systemtest.BenchTable.Scenario;
import com.nia.crmsync.systemtest.BenchTable.Side;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 19's benchmark ({@code deploy/bench/ratios}; not a test, not in CI): the system and a raw
 * client ({@link RawCreatio}) doing the same work against the same simulator in the same run, back
 * to back, a warm-up round and {@code bench.rounds} measured rounds per scenario — the first pull of
 * new leads, a push of leads changed in NIA, a forced compare of every lead, an incremental sync with
 * a share changed on each side — then meeting-ended events at a steady rate (quiet, and during a
 * pull), 1, 2 and 3 workers with the simulator's latency fixed, and each service's RSS and start
 * time. JFR recordings of every service during the first measured pull and push round name the
 * hottest frames. Prints one table ({@link BenchTable}) and writes it, with everything else, as JSON
 * and Markdown under {@code bench.out}.
 *
 * <p>The packaged services run with their default settings and the stack's JVM options, with two
 * configuration changes: each entity's scheduled pull and id reconciliation deferred to once a day
 * (so a scheduled cycle never runs inside another scenario's round; the benchmark starts every pull
 * itself), and a default meeting owner. Creatio calls and HTTP requests are the simulator's
 * counters, reset before each side of each round.
 */
public final class RatiosBench {

    private static final Instant BASE = Instant.parse("2025-03-01T00:00:00Z");
    /** What BENCH_SCENARIOS may name, in the order they run. */
    private static final List<String> SCENARIOS = List.of("pull", "push", "compare", "incremental", "meetings", "workers", "rss");
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private final Stack stack;
    private final SyncPath sync;
    private final RawCreatio raw;
    private final BenchTable table = new BenchTable();
    private final int rounds;
    private final Path out;
    private final String select;
    /** Creatio ids of leads pulled (so linked) by the system, as the raw client read them. */
    private final List<UUID> linkedCreatioIds = new ArrayList<>();

    private RatiosBench(Stack stack, int rounds, Path out) {
        this.stack = stack;
        this.sync = new SyncPath(stack);
        this.raw = new RawCreatio(stack);
        this.rounds = rounds;
        this.out = out;
        this.select = leadColumns();
    }

    public static void main(String[] args) throws Exception {
        int pullLeads = Integer.getInteger("bench.pull.leads", 100_000);
        int pushLeads = Integer.getInteger("bench.push.leads", 10_000);
        double incrementalShare = Double.parseDouble(System.getProperty("bench.incremental.share", "0.01"));
        int meetings = Integer.getInteger("bench.meetings", 1_000);
        double meetingRate = Double.parseDouble(System.getProperty("bench.meeting.rate", "1"));
        int workerLeads = Integer.getInteger("bench.worker.leads", 1_000);
        int latencyMs = Integer.getInteger("bench.worker.latency.ms", 50);
        int rounds = Integer.getInteger("bench.rounds", 3);
        // a comma-separated choice of scenarios; empty: all of them. A name that is none of them is refused before the stack starts
        Set<String> only = Arrays.stream(System.getProperty("bench.scenarios", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        if (!SCENARIOS.containsAll(only)) {
            throw new IllegalArgumentException("BENCH_SCENARIOS names " + only + "; the scenarios are " + SCENARIOS);
        }
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-stack")).toAbsolutePath();
        Path out = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
        String simulatorXmx = System.getProperty("bench.simulator.xmx", "2g");
        Duration startTimeout = Duration.ofMinutes(Integer.getInteger("bench.start.minutes", 10));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("commit", System.getProperty("bench.commit", "?"));
        run.put("started_at", Instant.now().toString());
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("load_average_at_start", loadAverage());
        run.put("service_jvm_options", "-Xmx256m -XX:+UseSerialGC (deploy/infra Stack's default; simulator -Xmx" + simulatorXmx + ")");
        run.put("parameters", Map.of("pull_leads", pullLeads, "push_leads", pushLeads, "incremental_share", incrementalShare,
                "meetings", meetings, "meeting_rate_per_second", meetingRate, "worker_leads", workerLeads,
                "worker_latency_ms", latencyMs, "rounds", rounds, "scenarios", only.isEmpty() ? "all" : String.join(",", only)));
        System.out.println("ratios: " + Json.write(run));

        RatiosBench[] started = new RatiosBench[1];
        try (Stack stack = BenchHarness.start(dir.resolve("ratios"), simulatorXmx, startTimeout)) {
            RatiosBench bench = new RatiosBench(stack, rounds, out);
            started[0] = bench;
            bench.guard("configure", bench::configure);
            bench.guard(only, "pull", () -> bench.pull(pullLeads));
            bench.guard(only, "push", () -> bench.push(pushLeads));
            bench.guard(only, "compare", bench::compare);
            bench.guard(only, "incremental", () -> bench.incremental(incrementalShare));
            if (meetings > 0) {
                bench.guard(only, "meetings", () -> bench.meetings(meetings, meetingRate, pullLeads));
            }
            if (workerLeads > 0) {
                bench.guard(only, "workers", () -> bench.workers(workerLeads, latencyMs));
            }
            bench.guard(only, "rss", bench::memoryAndStart);
        } catch (Exception e) {
            System.out.println("NOT FINISHED: " + e);
            e.printStackTrace();
        }
        if (started[0] != null) {
            run.put("finished_at", Instant.now().toString());
            run.put("load_average_at_end", loadAverage());
            started[0].write(run);
        }
        // the test issuer's HTTP server is not a daemon thread
        System.exit(0);
    }

    /** A scenario's work; a failure is a finding, recorded, and the next scenario runs. */
    private interface Work {
        void run() throws Exception;
    }

    /** Runs a scenario when {@code only} is empty or names it (BENCH_SCENARIOS). */
    private void guard(Set<String> only, String scenario, Work work) {
        if (only.isEmpty() || only.contains(scenario)) {
            guard(scenario, work);
        } else {
            System.out.printf("%n==== %s: not chosen (BENCH_SCENARIOS)%n", scenario);
        }
    }

    private void guard(String scenario, Work work) {
        System.out.printf("%n==== %s (%s)%n", scenario, Instant.now());
        try {
            work.run();
        } catch (Exception | AssertionError e) {
            System.out.println("NOT MEASURED: " + scenario + ": " + e);
            e.printStackTrace();
            table.extra(scenario + "_error", String.valueOf(e));
        }
    }

    /** The scheduled pull and reconciliation once a day (the benchmark starts each pull), and a default meeting owner. */
    @SuppressWarnings("unchecked")
    private void configure() {
        sync.changeConfiguration(c -> {
            for (Map<String, Object> entity : (List<Map<String, Object>>) c.get("entities")) {
                entity.put("pull_interval_seconds", 86_400);
                entity.put("reconcile_interval_seconds", 86_400);
            }
            MeetingSystemTests.meetings(c).put("default_owner_contact_id", MeetingSeries.DEFAULT_OWNER.toString());
        });
    }

    // ---- the rounds

    /** One side's work in one round. */
    private interface Step {
        void run(int round) throws Exception;
    }

    /** Runs {@code work} with the counters reset first; its time and the simulator's counts. */
    private Round timed(Step work, int round) throws Exception {
        resetCounters(sync);
        long t0 = System.nanoTime();
        work.run(round);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Calls calls = calls(sync);
        return new Round(seconds, calls.quota(), calls.requests());
    }

    /** A warm-up round (0) and the measured ones: before each, {@code prepare}; then the system, then the raw client. */
    private Scenario scenario(String name, long records, Step prepare, Step system, Step rawClient, String profile,
            String target, String note) throws Exception {
        List<Round> sys = new ArrayList<>();
        List<Round> rw = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            prepare.run(r);
            JfrProfile jfr = profile != null && r == 1 ? JfrProfile.start(stack, profile, out.resolve("jfr")) : null;
            CpuSplit cpu = CpuSplit.start(stack);
            Round s = timed(system, r);
            Map<String, Double> cpuSeconds = cpu.seconds(stack);
            table.extra("cpu_" + name + "_round_" + r, cpuSeconds);
            System.out.println("  CPU seconds of the system side: " + cpuSeconds);
            if (jfr != null) {
                Map<String, Map<String, List<String>>> hot = jfr.stop();
                table.extra("jfr_" + profile, hot);
                System.out.println("  JFR " + profile + ": " + Json.write(hot));
            }
            Round w = rawClient == null ? null : timed(rawClient, r);
            System.out.printf("  %s round %d%s: system %.2f s (%d calls, %d requests)%s%n", name, r, r == 0 ? " (warm-up)" : "",
                    s.seconds(), s.calls(), s.requests(), w == null ? "" : String.format("; raw %.2f s (%d calls, %d requests)",
                            w.seconds(), w.calls(), w.requests()));
            if (r > 0) {
                sys.add(s);
                if (w != null) {
                    rw.add(w);
                }
            }
        }
        Scenario scenario = new Scenario(name, records, new Side(sys), new Side(rw), target, note);
        table.add(scenario);
        System.out.print(table.markdown());
        return scenario;
    }

    // ---- the scenarios

    /** New leads in Creatio each round (their ModifiedOn in a day of their own), pulled from that day. */
    private void pull(int leads) throws Exception {
        Map<Integer, Instant> from = new LinkedHashMap<>();
        scenario("first pull of new leads", leads, r -> {
            from.put(r, BASE.plus(Duration.ofDays(3L * r)));
            seed(sync, leads, 1000 + r, from.get(r), 1);
        }, r -> {
            Map<String, Object> state = sync.pullCycle(EntityType.LEAD, from.get(r), LONG);
            System.out.println("  pull state: " + state);
        }, r -> {
            raw.authenticate();
            List<UUID> ids = raw.readSince("Lead", from.get(r), select);
            check(ids.size() >= leads, "the raw client read " + ids.size() + " of " + leads);
            linkedCreatioIds.addAll(ids);
        }, "pull", "≥ 0.10 (system ÷ raw read rate)", "system: pages of the configuration's pull_page_size through worker, "
                + "gateway and sync-api; raw: pages of 1,000 with the same $select");
    }

    /** Leads changed in NIA while pushing was off, then one sync_all; raw: the same count of PATCHes in $batch of 100. */
    private void push(int leads) throws Exception {
        List<UUID> nia = leadIds(leads);
        List<UUID> creatio = linkedCreatioIds.subList(0, Math.min(leads, linkedCreatioIds.size()));
        scenario("push of leads changed in NIA", nia.size(), r -> editInNia(nia, "Bench push " + r),
                r -> runSyncAll(false), r -> {
                    raw.authenticate();
                    raw.patchAll("Lead", creatio, Map.of("FullJobTitle", "Raw push " + r));
                }, "push", "≥ 0.25 (system ÷ raw $batch write rate); ≤ 1.02 calls and ≤ 0.015 requests per record", null);
    }

    /** A forced sync_all over every NIA lead, nothing changed; raw: every Creatio lead read in pages of 1,000. */
    private void compare() throws Exception {
        long total = leadTotal();
        List<Long> writes = new ArrayList<>();
        Scenario s = scenario("forced compare of every lead (unchanged)", total, r -> {
        }, r -> {
            JsonPath run = runSyncAll(true);
            writes.add((long) calls(sync).byGroup().getOrDefault("batch-item", 0));
            System.out.println("  run: total " + run.get("total") + ", synced " + run.get("synced") + ", no change "
                    + run.get("no_change") + ", conflicts " + run.get("conflicts"));
        }, r -> {
            raw.authenticate();
            raw.readSince("Lead", BASE.minus(Duration.ofDays(3650)), select);
        }, null, "≥ 5,000 records/s, 0 writes", null);
        table.extra("compare_batch_items_per_round", writes);
        System.out.printf("  compare: %,.0f records/s; $batch sub-requests per round %s%n", s.system().rate(total), writes);
    }

    /** A share of the leads changed in NIA and as many in Creatio; one sync_all and one pull cycle bring both sides level. */
    private void incremental(double share) throws Exception {
        List<UUID> nia = leadIds(Integer.MAX_VALUE);
        int k = Math.max(1, (int) Math.round(nia.size() * share));
        Map<Integer, Instant> since = new LinkedHashMap<>();
        scenario("incremental sync, " + (share * 100) + " % changed on each side", 2L * k, r -> {
            since.put(r, sync.simulatorNow());
            int offset = (r * k) % Math.max(1, nia.size() - k);
            editInNia(nia.subList(nia.size() - offset - k, nia.size() - offset), "Bench incremental " + r);
            int creatioOffset = (r * k) % Math.max(1, linkedCreatioIds.size() - k);
            for (UUID id : linkedCreatioIds.subList(creatioOffset, creatioOffset + k)) {
                sync.userEdits("Lead", id, Map.of("FullJobTitle", "Bench Creatio " + r));
            }
        }, r -> {
            runSyncAll(false);
            sync.pullCycle(EntityType.LEAD, since.get(r), LONG);
        }, r -> {
            raw.authenticate();
            raw.readSince("Lead", since.get(r), select);
            int offset = (r * k) % Math.max(1, linkedCreatioIds.size() - k);
            raw.patchAll("Lead", linkedCreatioIds.subList(offset, offset + k), Map.of("FullJobTitle", "Raw incremental " + r));
        }, null, "— (issue: within a small factor of the raw client)", "records = changes on both sides (" + k + " + " + k + ")");
    }

    /** Meeting events at a steady rate, quiet and during a pull of {@code pullLeads} new leads; raw: one $batch per meeting. */
    private void meetings(int events, double rate, int pullLeads) throws Exception {
        CreatioOData creatio = new CreatioOData(stack);
        String series = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        int warmUp = Math.max(5, Math.min(30, events / 5));
        List<MeetingSeries.Lead> leads = MeetingSeries.benchLeads(sync, 2 * events + warmUp, series);
        UUID meetingCategory = creatio.lookup("ActivityCategory", "Meeting");
        Map<String, Object> figures = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = MeetingSeries.producer(stack)) {
            // a warm-up series, not measured: no earlier scenario runs the meeting path, whose first events pay for the JIT
            MeetingSeries.Series warm = MeetingSeries.measure(creatio, producer, meetingCategory, series + "w",
                    leads.subList(2 * events, 2 * events + warmUp), rate);
            figures.put("warm_up", Map.of("events", warmUp, "p95_ms", warm.millis().isEmpty() ? -1 : warm.p(95), "missing", warm.missing()));
            resetCounters(sync);
            MeetingSeries.Series quiet = MeetingSeries.measure(creatio, producer, meetingCategory, series + "q",
                    leads.subList(0, events), rate);
            figures.put("quiet", meetingFigures(quiet, calls(sync), events, rate));

            Instant from = BASE.plus(Duration.ofDays(60));
            seed(sync, pullLeads, 7_000, from, 1);
            resetCounters(sync);
            Instant pullStarted = Instant.now();
            CompletableFuture<Map<String, Object>> pull = CompletableFuture.supplyAsync(() -> sync.pullCycle(EntityType.LEAD, from, LONG));
            MeetingSeries.Series busy = MeetingSeries.measure(creatio, producer, meetingCategory, series + "p",
                    leads.subList(events, 2 * events), rate);
            Map<String, Object> during = meetingFigures(busy, calls(sync), events, rate);
            during.put("pull_in_flight_at_last_event", !pull.isDone());
            pull.join();
            during.put("pull_seconds", Duration.between(pullStarted, Instant.now()).toMillis() / 1000.0);
            figures.put("during_pull", during);
        }
        figures.put("raw_one_batch_per_meeting", rawMeetings(creatio, meetingCategory, events, rate));
        table.extra("meetings", figures);
        System.out.println("  meetings: " + Json.write(figures));
    }

    private static Map<String, Object> meetingFigures(MeetingSeries.Series s, Calls calls, int events, double rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", events);
        m.put("rate_per_second", rate);
        m.put("p50_ms", s.p(50));
        m.put("p95_ms", s.p(95));
        m.put("p99_ms", s.p(99));
        m.put("max_ms", s.millis().isEmpty() ? null : s.millis().get(s.millis().size() - 1));
        m.put("missing", s.missing());
        // the benchmark's own polling reads are one OData request each: left out
        m.put("creatio_calls_per_meeting", (double) (calls.quota() - s.polls()) / events);
        m.put("http_requests_per_meeting", (double) (calls.requests() - s.polls()) / events);
        m.put("requests_by_group", calls.byGroup());
        System.out.println("  " + s.figure("meetings", rate));
        return m;
    }

    /** The raw client's meeting: the activity, its 2 tasks and the lead's update in one $batch (4 writes, 1 round trip). */
    private Map<String, Object> rawMeetings(CreatioOData creatio, UUID meetingCategory, int events, double rate) throws Exception {
        UUID priority = id(creatio.rows("ActivityPriority", null, "Id").get(0));
        UUID status = id(creatio.rows("ActivityStatus", null, "Id").get(0));
        UUID taskCategory = id(creatio.rows("ActivityCategory", null, "Id").get(0));
        raw.authenticate();
        resetCounters(sync);
        List<Long> millis = new ArrayList<>();
        long period = (long) (1000 / rate);
        for (int i = 0; i < events; i++) {
            long t0 = System.nanoTime();
            String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
            List<Map<String, Object>> requests = new ArrayList<>();
            requests.add(RawCreatio.subRequest("POST", "Activity", activity("Raw meeting " + i, meetingCategory, priority, status, now)));
            requests.add(RawCreatio.subRequest("POST", "Activity", activity("Raw task A " + i, taskCategory, priority, status, now)));
            requests.add(RawCreatio.subRequest("POST", "Activity", activity("Raw task B " + i, taskCategory, priority, status, now)));
            requests.add(RawCreatio.subRequest("PATCH", "Lead(" + linkedCreatioIds.get(i % linkedCreatioIds.size()) + ")",
                    Map.of("Budget", 20000 + i)));
            raw.batch(requests);
            long took = (System.nanoTime() - t0) / 1_000_000;
            millis.add(took);
            // the same steady rate as the system's series; a raw batch is far shorter than the period
            Thread.sleep(Math.max(0, period - took));
        }
        millis.sort(Long::compare);
        Calls calls = calls(sync);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", events);
        m.put("p50_ms", BenchTable.percentile(millis, 50));
        m.put("p95_ms", BenchTable.percentile(millis, 95));
        m.put("creatio_calls_per_meeting", (double) calls.quota() / events);
        m.put("http_requests_per_meeting", (double) calls.requests() / events);
        return m;
    }

    private static Map<String, Object> activity(String title, UUID category, UUID priority, UUID status, String now) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("Id", UUID.randomUUID().toString());
        a.put("Title", title);
        a.put("StartDate", now);
        a.put("DueDate", now);
        a.put("PriorityId", priority.toString());
        a.put("OwnerId", MeetingSeries.DEFAULT_OWNER.toString());
        a.put("ActivityCategoryId", category.toString());
        a.put("StatusId", status.toString());
        return a;
    }

    /** 1, 2 and 3 workers, every simulator answer delayed by {@code latencyMs}: a push of {@code leads} changed leads each. */
    private void workers(int leads, int latencyMs) throws Exception {
        List<UUID> nia = leadIds(leads);
        sync.fault(Map.of("group", "any", "action", "latency", "minMs", latencyMs, "maxMs", latencyMs));
        Map<Integer, Double> rates = new LinkedHashMap<>();
        try {
            for (int workers = 1; workers <= 3; workers++) {
                if (workers > 1) {
                    stack.startInstance(ServiceKind.SYNC_WORKER).awaitReady(Duration.ofMinutes(4));
                    // the consumer group rebalances onto the new worker before the round starts
                    Thread.sleep(15_000);
                }
                int w = workers;
                Scenario s = scenario("push with " + workers + " worker(s), simulator latency " + latencyMs + " ms", nia.size(),
                        r -> editInNia(nia, "Bench workers " + w + " " + r), r -> runSyncAll(false), null, null,
                        workers == 3 ? "3 ÷ 1 ≥ 2.5" : null, "system only");
                rates.put(workers, s.system().rate(nia.size()));
            }
        } finally {
            sync.clearFaults();
        }
        table.extra("workers_records_per_second", rates);
        table.extra("workers_3_over_1", rates.get(3) / rates.get(1));
        System.out.printf("  workers: %s; 3 ÷ 1 = %.2f%n", rates, rates.get(3) / rates.get(1));
    }

    /** Each service instance's RSS now and at its peak (from /proc), and its start time (from its log). */
    private void memoryAndStart() throws IOException {
        Map<String, Object> services = new LinkedHashMap<>();
        for (QuarkusService s : stack.instances().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/" + s.pid() + "/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    m.put(line.startsWith("VmRSS:") ? "rss_mb" : "peak_rss_mb",
                            Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
            Matcher started = STARTED.matcher(Files.readString(s.logFile()));
            m.put("start_seconds", started.find() ? Double.parseDouble(started.group(1)) : null);
            m.put("nmt_committed_mb", nativeMemory(s.pid()));
            services.put(s.name(), m);
        }
        table.extra("services", services);
        System.out.println("  services: " + Json.write(services));
    }

    private static final Pattern NMT_LINE = Pattern.compile("^-?\\s*([A-Z][A-Za-z ]*?)(?:: | \\()reserved=\\d+KB, committed=(\\d+)KB");

    /**
     * The JVM's own account of its committed memory by category (Java Heap, Class, Thread, Code, GC,
     * ..., and Total), from {@code jcmd <pid> VM.native_memory summary} (the stack runs every service
     * with {@code -XX:NativeMemoryTracking=summary}); RSS above the total is the C heap's own overhead
     * and what NMT does not track. Empty when jcmd cannot answer.
     */
    static Map<String, Long> nativeMemory(long pid) {
        Map<String, Long> mb = new LinkedHashMap<>();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                Matcher m = NMT_LINE.matcher(line.trim());
                if (m.find()) {
                    mb.put(m.group(1).trim(), Long.parseLong(m.group(2)) / 1024);
                }
            }
        } catch (IOException e) {
            return mb;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return mb;
    }

    // ---- helpers

    private void write(Map<String, Object> run) throws IOException {
        Files.createDirectories(out);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path json = out.resolve("ratios-" + stamp + ".json");
        Path markdown = out.resolve("ratios-" + stamp + ".md");
        Files.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(table.json(run)));
        Files.writeString(markdown, table.markdown());
        System.out.println("\n==== ratios (" + run.get("commit") + ")\n" + table.markdown());
        System.out.println("Written: " + json + " and " + markdown);
    }

    /** The Creatio columns the lead mapping reads (the system's $select), for the raw client's reads. */
    @SuppressWarnings("unchecked")
    private String leadColumns() {
        Map<String, Object> c = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/config")
                .then().statusCode(200).extract().jsonPath().getMap("configuration");
        List<String> columns = new ArrayList<>(List.of("Id", "ModifiedOn"));
        for (Map<String, Object> entity : (List<Map<String, Object>>) c.get("entities")) {
            if ("lead".equals(entity.get("entity_type"))) {
                for (Map<String, Object> field : (List<Map<String, Object>>) entity.get("fields")) {
                    String column = String.valueOf(field.get("creatio_column"));
                    if (!column.contains("/") && !columns.contains(column)) {
                        columns.add(column);
                    }
                }
            }
        }
        return String.join(",", columns);
    }

    /** Changes the title of NIA leads while pushing is off (an import), 4 requests at a time; pushing on again. */
    private void editInNia(List<UUID> ids, String title) throws Exception {
        sync.changeConfiguration(c -> flags(c).put("push_enabled", false));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> edits = new ArrayList<>();
            for (UUID id : ids) {
                edits.add(pool.submit(() -> sync.editLead(id, Map.of("title", title))));
            }
            for (Future<?> f : edits) {
                f.get();
            }
        } finally {
            pool.shutdown();
            sync.changeConfiguration(c -> flags(c).put("push_enabled", true));
        }
    }

    private JsonPath runSyncAll(boolean force) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity_types", List.of("lead"));
        body.put("force", force);
        String runId = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Json.write(body)).when().post("/api/v1/crm/sync/sync_all/").then().statusCode(202).extract().path("run_id");
        await().atMost(LONG).pollInterval(Duration.ofMillis(250)).until(() -> List.of("completed", "failed")
                .contains(run(runId).getString("status")));
        JsonPath run = run(runId);
        check(!"failed".equals(run.getString("status")), "run " + runId + " failed: " + run.getString("error"));
        return run;
    }

    private JsonPath run(String runId) {
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Up to {@code n} NIA lead ids, in the API's order. */
    private List<UUID> leadIds(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int page = 0; ids.size() < n; page++) {
            List<String> found = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).queryParam("page", page)
                    .queryParam("size", 200).when().get("/api/v1/leads").then().statusCode(200).extract().jsonPath()
                    .getList("items.id");
            if (found.isEmpty()) {
                break;
            }
            found.stream().limit(n - ids.size()).forEach(id -> ids.add(UUID.fromString(id)));
        }
        return ids;
    }

    private long leadTotal() {
        return leadIds(Integer.MAX_VALUE).size();
    }

    private static UUID id(Map<String, Object> row) {
        return UUID.fromString(String.valueOf(row.get("Id")));
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flags(Map<String, Object> configuration) {
        return (Map<String, Object>) configuration.get("flags");
    }
}
