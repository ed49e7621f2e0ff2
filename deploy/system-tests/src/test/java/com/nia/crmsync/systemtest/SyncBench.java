package com.nia.crmsync.systemtest;

import static com.nia.crmsync.systemtest.BenchHarness.LONG;
import static com.nia.crmsync.systemtest.BenchHarness.awaitPulled;
import static com.nia.crmsync.systemtest.BenchHarness.calls;
import static com.nia.crmsync.systemtest.BenchHarness.leadPull;
import static com.nia.crmsync.systemtest.BenchHarness.number;
import static com.nia.crmsync.systemtest.BenchHarness.print;
import static com.nia.crmsync.systemtest.BenchHarness.resetCounters;
import static com.nia.crmsync.systemtest.BenchHarness.seed;
import static com.nia.crmsync.systemtest.BenchHarness.start;
import static com.nia.crmsync.systemtest.BenchHarness.startPull;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.systemtest.BenchHarness.Calls;
import com.nia.crmsync.testkit.TestTokens;

/**
 * The sync's performance figures ({@code deploy/bench/sync-bench}; not a test, not in CI): the real
 * packaged services with their default settings — the scheduled pull on, the default budget and
 * schedule — on random ports, against the simulator. (a) a first full pull of 10,000 leads: time and
 * Creatio calls per record; (b) a {@code sync_all} over 1,000 linked leads with 100 changed, in NIA
 * and then in Creatio: Creatio calls in total; (c) an idle interval with the default schedule, the
 * calls it spent, extrapolated to an hour. Creatio calls are the simulator's quota count (one per
 * OData request and per {@code $batch} sub-request, as Creatio counts them), plus its HTTP requests.
 * The stack, seeding, pull and counters are {@link BenchHarness}'s.
 */
public final class SyncBench {

    private SyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int pullLeads = Integer.getInteger("bench.pull.leads", 10_000);
        int syncLeads = Integer.getInteger("bench.sync.leads", 1_000);
        int changed = Integer.getInteger("bench.sync.changed", 100);
        Duration quiet = Duration.ofMinutes(Integer.getInteger("bench.quiet.minutes", 10));
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-stack")).toAbsolutePath();
        List<String> figures = new java.util.ArrayList<>();

        if (pullLeads > 0) {
            try (Stack stack = start(dir.resolve("pull"))) {
                figures.add(print(firstPull(stack, pullLeads)));
            }
        }
        try (Stack stack = start(dir.resolve("sync"))) {
            try {
                figures.addAll(syncAll(stack, syncLeads, changed));
            } catch (RuntimeException e) {
                // a failed run is a finding, not a reason to skip the idle measurement
                figures.add(print("(b) sync_all over " + syncLeads + " leads: NOT MEASURED: " + e.getMessage()));
            }
            if (!quiet.isZero()) {
                figures.add(print(quiet(stack, quiet)));
            }
        }
        System.out.println("\n==== sync-bench figures ====");
        figures.forEach(System.out::println);
        // the test issuer's HTTP server is not a daemon thread
        System.exit(0);
    }

    // ---- (a) the first full pull

    private static String firstPull(Stack stack, int leads) {
        SyncPath sync = new SyncPath(stack);
        resetCounters(sync);
        // timed from the seeding: the scheduler (every 5 s) may start the cycle before the explicit start does
        Instant t0 = Instant.now();
        seed(sync, leads, 42, null);
        startPull(sync);
        Map<String, Object> state = awaitPulled(sync, leads);
        Duration took = Duration.between(t0, Instant.now());
        Calls calls = calls(sync);
        return String.format("(a) first full pull of %,d leads: %.1f s (%,.0f leads/s); %d pages; %d records created in NIA; "
                + "Creatio calls %d (%.4f per record), HTTP requests %d %s", leads, took.toMillis() / 1000.0,
                leads * 1000.0 / Math.max(1, took.toMillis()), number(state, "pages"), number(state, "records_created"),
                calls.quota(), (double) calls.quota() / leads, calls.requests(), calls.byGroup());
    }

    // ---- (b) sync_all over linked leads, some changed

    private static List<String> syncAll(Stack stack, int leads, int changed) {
        SyncPath sync = new SyncPath(stack);
        seed(sync, leads, 7, null);
        startPull(sync);
        awaitPulled(sync, leads);
        List<UUID> ids = leadIds(sync, leads);

        // b1: changed in NIA while pushing was off (an import), so only the sync_all sends them
        sync.changeConfiguration(c -> flags(c).put("push_enabled", false));
        try {
            for (int i = 0; i < changed; i++) {
                sync.editLead(ids.get(i), Map.of("title", "Bench NIA " + i));
            }
        } finally {
            sync.changeConfiguration(c -> flags(c).put("push_enabled", true));
        }
        resetCounters(sync);
        Instant t0 = Instant.now();
        JsonPath run = runSyncAll(sync);
        awaitPullIdle(sync);
        Duration took = Duration.between(t0, Instant.now());
        Calls nia = calls(sync);
        String b1 = print(String.format("(b1) sync_all over %,d linked leads, %d changed in NIA: %.1f s; run total %d, synced %d, "
                + "unchanged/skipped %d; Creatio calls %d, HTTP requests %d %s", leads, changed, took.toMillis() / 1000.0,
                run.getInt("total"), run.getInt("synced"), run.getInt("skipped"), nia.quota(), nia.requests(), nia.byGroup()));

        // b2: changed in Creatio by a person (the simulator's control API costs no call); the sync_all's pull brings them
        for (int i = 0; i < changed; i++) {
            UUID creatioId = UUID.fromString(sync.syncState(com.nia.crmsync.model.entity.EntityType.LEAD, ids.get(changed + i))
                    .orElseThrow().getString("creatio_id"));
            sync.userEdits("Lead", creatioId, Map.of("FullJobTitle", "Bench Creatio " + i));
        }
        resetCounters(sync);
        t0 = Instant.now();
        run = runSyncAll(sync);
        String lastTitle = "Bench Creatio " + (changed - 1);
        UUID lastId = ids.get(2 * changed - 1);
        await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> lastTitle.equals(sync.lead(lastId).getString("title")));
        awaitPullIdle(sync);
        took = Duration.between(t0, Instant.now());
        Calls fromCreatio = calls(sync);
        String b2 = String.format("(b2) sync_all over %,d linked leads, %d changed in Creatio: %.1f s until the last reached NIA; "
                + "Creatio calls %d, HTTP requests %d %s", leads, changed, took.toMillis() / 1000.0, fromCreatio.quota(),
                fromCreatio.requests(), fromCreatio.byGroup());
        return List.of(b1, b2);
    }

    // ---- (c) an idle interval with the default schedule

    private static String quiet(Stack stack, Duration interval) throws InterruptedException {
        SyncPath sync = new SyncPath(stack);
        resetCounters(sync);
        Instant t0 = sync.simulatorNow();
        Thread.sleep(interval.toMillis());
        Calls calls = calls(sync);
        Map<String, Integer> byCall = new TreeMap<>();
        for (Map<String, Object> r : sync.requestsSince(t0)) {
            String path = String.valueOf(r.get("path")).replaceAll("[0-9a-fA-F-]{36}", "{id}");
            byCall.merge(r.get("method") + " " + path, 1, Integer::sum);
        }
        double perHour = calls.quota() * 60.0 / interval.toMinutes();
        return String.format("(c) idle %d min with the default schedule: Creatio calls %d, HTTP requests %d %s; by call %s; "
                + "x %d = %.0f calls per hour", interval.toMinutes(), calls.quota(), calls.requests(), calls.byGroup(), byCall,
                60 / interval.toMinutes(), perHour);
    }

    // ---- helpers

    private static void awaitPullIdle(SyncPath sync) {
        await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> !Boolean.TRUE.equals(leadPull(sync).get("in_flight")));
    }

    private static JsonPath runSyncAll(SyncPath sync) {
        String runId = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("entity_types", List.of("lead"))).when().post("/api/v1/crm/sync/sync_all/")
                .then().statusCode(202).extract().path("run_id");
        await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> List.of("completed", "failed")
                .contains(run(sync, runId).getString("status")));
        JsonPath run = run(sync, runId);
        if ("failed".equals(run.getString("status"))) {
            throw new IllegalStateException("run " + runId + " failed after " + Duration.between(Instant.parse(run.getString("started_at")),
                    Instant.parse(run.getString("finished_at"))).toSeconds() + " s: " + run.getString("error") + " (total "
                    + run.getInt("total") + "; sync-api's log names the cause)");
        }
        return run;
    }

    private static JsonPath run(SyncPath sync, String runId) {
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<UUID> leadIds(SyncPath sync, int leads) {
        List<UUID> ids = new java.util.ArrayList<>();
        for (int page = 0; ids.size() < leads; page++) {
            List<String> found = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).queryParam("page", page)
                    .queryParam("size", 200).when().get("/api/v1/leads").then().statusCode(200).extract().jsonPath()
                    .getList("items.id");
            if (found.isEmpty()) {
                break;
            }
            found.forEach(id -> ids.add(UUID.fromString(id)));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flags(Map<String, Object> configuration) {
        return (Map<String, Object>) configuration.get("flags");
    }
}
