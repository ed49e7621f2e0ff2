package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.testkit.TestIssuer;
import com.nia.crmsync.testkit.TestTokens;

/**
 * What the benchmarks ({@link SyncBench}, {@link MeetingBench}) share: the stack as the local stack
 * runs it, the simulator's seeding and call counters, and the lead pull started and awaited. Not a
 * test, not in CI.
 */
final class BenchHarness {

    /** The longest a benchmark waits for one thing to happen. */
    static final Duration LONG = Duration.ofMinutes(20);

    private BenchHarness() {
    }

    /** Prints a figure as soon as it is known and returns it for the summary. */
    static String print(String figure) {
        System.out.println(figure);
        return figure;
    }

    /** A stack as the local stack runs it (default settings, scheduled pull on), but on random ports with a test issuer. */
    static Stack start(Path dir) {
        Instant started = Instant.now();
        Stack.Builder builder = Stack.builder(dir).persistent(false).fixedPorts(false).oidcIssuer(TestIssuer.get().issuer());
        for (ServiceKind kind : List.of(ServiceKind.SYNC_API, ServiceKind.SYNC_WORKER, ServiceKind.CONFLICT_SERVICE)) {
            builder.env(kind, "NIA_OIDC_TOKEN_ISSUER", TestIssuer.get().issuer())
                    .env(kind, "NIA_OIDC_CLIENT_ID", kind.id())
                    .env(kind, "NIA_OIDC_CLIENT_SECRET", TestIssuer.CLIENT_SECRET);
        }
        Stack stack = builder.build();
        // Ctrl-C or SIGTERM stops every child process too
        Thread stop = new Thread(stack::close, "bench-stack-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        stack.startInfrastructure();
        stack.startServices(Duration.ofMinutes(4));
        System.out.printf("Stack ready in %d s (logs in %s)%n", Duration.between(started, Instant.now()).toSeconds(),
                dir.resolve("logs"));
        return stack;
    }

    /** Seeds the simulator with {@code leads} leads (no other records), modified from {@code from} when given. */
    static void seed(SyncPath sync, int leads, long seed, Instant from) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leads", leads);
        body.put("contacts", 0);
        body.put("accounts", 0);
        body.put("activities", 0);
        body.put("seed", seed);
        if (from != null) {
            body.put("from", from.toString());
        }
        given().baseUri(sync.simulator).contentType(ContentType.JSON).body(body).when().post("/sim/seed").then().statusCode(200);
    }

    /** Zeroes the simulator's call counters and today's quota. */
    static void resetCounters(SyncPath sync) {
        given().baseUri(sync.simulator).when().delete("/sim/metrics").then().statusCode(204);
        given().baseUri(sync.simulator).contentType(ContentType.JSON).body(Map.of("used", 0)).when().put("/sim/quota")
                .then().statusCode(200);
    }

    /** Makes sure a lead pull cycle runs: started now, or already in flight (the scheduler began it). */
    static void startPull(SyncPath sync) {
        await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> List.of("started", "in_flight").contains(
                given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                        .body(Map.of("entity_types", List.of("lead"))).when().post("/api/v1/crm/sync/pull/")
                        .then().statusCode(202).extract().path("types[0].outcome")));
    }

    /** The lead type's pull state ({@code GET /api/v1/crm/sync/pull/}). */
    static Map<String, Object> leadPull(SyncPath sync) {
        List<Map<String, Object>> types = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer())
                .when().get("/api/v1/crm/sync/pull/").then().statusCode(200).extract().jsonPath().getList("types");
        return types.stream().filter(t -> "lead".equals(t.get("entity_type"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no lead pull state"));
    }

    /** A number of the pull state (0 when absent). */
    static long number(Map<String, Object> state, String key) {
        Object n = state.get(key);
        return n == null ? 0 : ((Number) n).longValue();
    }

    /** Waits until {@code leads} leads are pulled and the cycle has ended; fails when it makes no progress for 3 minutes. */
    static Map<String, Object> awaitPulled(SyncPath sync, int leads) {
        Instant last = Instant.now();
        long lastPulled = -1;
        while (true) {
            Map<String, Object> state = leadPull(sync);
            long pulled = number(state, "records_pulled");
            if (pulled >= leads && !Boolean.TRUE.equals(state.get("in_flight"))) {
                return state;
            }
            if (pulled != lastPulled) {
                System.out.printf("  %s pulled %,d of %,d (pages %d, created %d)%n", Instant.now(), pulled, leads,
                        number(state, "pages"), number(state, "records_created"));
                lastPulled = pulled;
                last = Instant.now();
            } else if (Duration.between(last, Instant.now()).compareTo(Duration.ofMinutes(3)) > 0) {
                throw new IllegalStateException("The pull made no progress for 3 minutes at " + pulled + " records: " + state);
            }
            sleep(1000);
        }
    }

    /** Creatio calls since the counters were reset: the quota count, the HTTP requests, and requests per group. */
    record Calls(long quota, long requests, Map<String, Integer> byGroup) {
    }

    /** The simulator's counters now. */
    static Calls calls(SyncPath sync) {
        JsonPath metrics = given().baseUri(sync.simulator).when().get("/sim/metrics").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Integer>> groups = metrics.getMap("calls");
        Map<String, Integer> byGroup = new TreeMap<>();
        long requests = 0;
        for (Map.Entry<String, Map<String, Integer>> g : groups.entrySet()) {
            int n = g.getValue().values().stream().mapToInt(Integer::intValue).sum();
            byGroup.put(g.getKey(), n);
            if (!"batch-item".equals(g.getKey())) {
                requests += n;
            }
        }
        long quota = given().baseUri(sync.simulator).when().get("/sim/quota").then().statusCode(200).extract().jsonPath().getLong("used");
        return new Calls(quota, requests, byGroup);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
