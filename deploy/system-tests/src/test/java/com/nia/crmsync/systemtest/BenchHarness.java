package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;

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

/**
 * What the ratio benchmark ({@link RatiosBench}, {@link MeetingSeries}) uses: the stack as the local
 * stack runs it, the simulator's seeding and its call counters.
 * Not a test, not in CI.
 */
final class BenchHarness {

    /** The longest a benchmark waits for one thing to happen. */
    static final Duration LONG = Duration.ofMinutes(20);

    private BenchHarness() {
    }

    /**
     * A stack as the local stack runs it (default settings, scheduled pull on), but on random ports
     * with a test issuer; the simulator (not part of the system) with {@code -Xmx} {@code simulatorXmx};
     * each service ready within {@code startTimeout} (a loaded machine needs minutes).
     */
    static Stack start(Path dir, String simulatorXmx, Duration startTimeout) {
        Instant started = Instant.now();
        Stack.Builder builder = Stack.builder(dir).persistent(false).fixedPorts(false).oidcIssuer(TestIssuer.get().issuer())
                .jvmOption(ServiceKind.CREATIO_SIMULATOR, "-Xmx" + simulatorXmx)
                // where a service's memory goes outside its heap (the rss scenario reads it with jcmd); summary level costs little
                .jvmOption("-XX:NativeMemoryTracking=summary");
        for (ServiceKind kind : List.of(ServiceKind.SYNC_API, ServiceKind.SYNC_WORKER, ServiceKind.CONFLICT_SERVICE)) {
            builder.env(kind, "NIA_OIDC_TOKEN_ISSUER", TestIssuer.get().issuer())
                    .env(kind, "NIA_OIDC_CLIENT_ID", kind.id())
                    .env(kind, "NIA_OIDC_CLIENT_SECRET", TestIssuer.CLIENT_SECRET);
        }
        // The gateway's call budget is what a production Creatio needs (10 calls/s, 10,000 a day); left at its default it
        // is the whole measurement (a push of 2,000 leads waited 40 s for it, and the day's quota was spent within the
        // push scenario). The benchmark measures the system's own speed against the raw client, which has no budget; the
        // budget is proven in creatio-gateway's tests. Its concurrency limit stays the default (4 calls in flight).
        builder.env(ServiceKind.CREATIO_GATEWAY, "CREATIO_BUDGET_RATE_PER_SECOND", "100000")
                .env(ServiceKind.CREATIO_GATEWAY, "CREATIO_BUDGET_BURST", "100000")
                .env(ServiceKind.CREATIO_GATEWAY, "CREATIO_BUDGET_DAILY_QUOTA", "1000000000");
        for (ServiceKind kind : ServiceKind.values()) {
            if (kind.databaseRole() != null) {
                // Agroal's default of 5 s: under a load of 60 on 2 cores, the gateway's Flyway got no connection in time
                builder.env(kind, "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");
            }
        }
        Stack stack = builder.build();
        // Ctrl-C or SIGTERM stops every child process too
        Thread stop = new Thread(stack::close, "bench-stack-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        stack.startInfrastructure();
        stack.startServices(startTimeout);
        System.out.printf("Stack ready in %d s (logs in %s)%n", Duration.between(started, Instant.now()).toSeconds(),
                dir.resolve("logs"));
        return stack;
    }

    /**
     * Seeds the simulator with {@code leads} leads (no other records), their {@code ModifiedOn} spread
     * over {@code spanDays} days (null: the simulator's 300) from {@code from} (null: the simulator's default).
     */
    static void seed(SyncPath sync, int leads, long seed, Instant from, Integer spanDays) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leads", leads);
        body.put("contacts", 0);
        body.put("accounts", 0);
        body.put("activities", 0);
        body.put("seed", seed);
        if (from != null) {
            body.put("from", from.toString());
        }
        if (spanDays != null) {
            body.put("spanDays", spanDays);
        }
        given().baseUri(sync.simulator).contentType(ContentType.JSON).body(body).when().post("/sim/seed").then().statusCode(200);
    }

    /** Zeroes the simulator's call counters and today's quota. */
    static void resetCounters(SyncPath sync) {
        given().baseUri(sync.simulator).when().delete("/sim/metrics").then().statusCode(204);
        given().baseUri(sync.simulator).contentType(ContentType.JSON).body(Map.of("used", 0)).when().put("/sim/quota")
                .then().statusCode(200);
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
}
