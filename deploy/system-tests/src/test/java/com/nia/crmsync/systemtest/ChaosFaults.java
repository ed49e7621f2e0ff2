package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

import io.restassured.http.ContentType;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.json.Json;

/**
 * The seeded fault schedule of a chaos run and the thing that injects it: Creatio's faults through
 * the simulator's control API (5xx bursts, 429 storms, latency spikes, an outage, token revocation,
 * the identity service down, the daily quota spent), SIGKILLs and restarts of every service (a worker
 * also in the middle of a Creatio write), the broker stopped and restarted, PostgreSQL restarted, and
 * optionally a worker with a wrong client secret joining the group. The same seed and profile give
 * the same schedule; faults overlap, but one process is never hit by two faults at once.
 */
final class ChaosFaults {

    /** What can go wrong, and which process (or part of Creatio) it hits. */
    enum Kind {
        CREATIO_5XX_BURST("creatio-5xx"), CREATIO_429_STORM("creatio-429"), CREATIO_LATENCY("creatio-latency"),
        CREATIO_OUTAGE("creatio-outage"), TOKEN_REVOCATION("creatio-tokens"), IDENTITY_DOWN("creatio-identity"),
        QUOTA_EXHAUSTED("creatio-quota"), WORKER_KILL("sync-worker"), WORKER_KILL_MID_WRITE("sync-worker"),
        GATEWAY_KILL("creatio-gateway"), SYNC_API_KILL_BOTH("sync-api"), CONFLICT_SERVICE_KILL("conflict-service"),
        BROKER_RESTART("kafka"), POSTGRES_RESTART("postgres"), MISCONFIGURED_WORKER("sync-worker-misconfigured");

        final String target;

        Kind(String target) {
            this.target = target;
        }
    }

    /** One fault: when it starts (from the window's start), how long it lasts, and what it does. */
    record Fault(int index, Duration at, Kind kind, Duration duration, String detail) {

        @Override
        public String toString() {
            return String.format("#%-2d t+%4ds %-22s %4ds %s", index, at.toSeconds(), kind, duration.toSeconds(), detail);
        }
    }

    /** What happened to one fault: when it really started and ended, and whether it could be injected as planned. */
    record Outcome(Fault fault, Instant started, Instant ended, String note) {
    }

    private static final Duration READY = Duration.ofMinutes(5);

    private final Stack stack;
    private final SyncPath sync;
    private final List<Fault> schedule;
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final Map<String, ReentrantLock> targets = new ConcurrentHashMap<>();
    private volatile Instant windowStart = Instant.now();

    ChaosFaults(Stack stack, List<Fault> schedule) {
        this.stack = stack;
        this.sync = new SyncPath(stack);
        this.schedule = schedule;
    }

    /**
     * The schedule for a profile and seed: every kind at least once (the misconfigured worker only when
     * asked), more rounds in a longer window; process faults spread over the window in a seeded order,
     * Creatio's faults at seeded times (they may overlap anything), one outage of the profile's length.
     */
    static List<Fault> schedule(ChaosProfile profile, long seed, boolean misconfiguredWorker) {
        Random random = new Random(seed);
        long window = profile.faultWindow().toSeconds();
        int rounds = (int) Math.max(1, window / 240);
        List<Kind> process = new ArrayList<>();
        List<Kind> creatio = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            process.addAll(List.of(Kind.WORKER_KILL, Kind.WORKER_KILL_MID_WRITE, Kind.GATEWAY_KILL, Kind.SYNC_API_KILL_BOTH,
                    Kind.CONFLICT_SERVICE_KILL, Kind.BROKER_RESTART, Kind.POSTGRES_RESTART));
            if (misconfiguredWorker) {
                process.add(Kind.MISCONFIGURED_WORKER);
            }
            creatio.addAll(List.of(Kind.CREATIO_5XX_BURST, Kind.CREATIO_429_STORM, Kind.CREATIO_LATENCY, Kind.TOKEN_REVOCATION,
                    Kind.IDENTITY_DOWN, Kind.QUOTA_EXHAUSTED));
        }
        java.util.Collections.shuffle(process, random);
        List<Fault> faults = new ArrayList<>();
        // process faults in slots over the first 85 % of the window, each at a seeded point of its slot
        double slot = window * 0.85 / process.size();
        for (int i = 0; i < process.size(); i++) {
            Kind kind = process.get(i);
            long at = (long) (i * slot + random.nextDouble() * slot * 0.5);
            faults.add(new Fault(0, Duration.ofSeconds(at), kind, Duration.ofSeconds(durationOf(kind, random)), detailOf(kind, random)));
        }
        for (Kind kind : creatio) {
            long duration = durationOf(kind, random);
            long at = (long) (random.nextDouble() * Math.max(1, window - duration - 5));
            faults.add(new Fault(0, Duration.ofSeconds(at), kind, Duration.ofSeconds(duration), detailOf(kind, random)));
        }
        long outage = profile.outage().toSeconds();
        faults.add(new Fault(0, Duration.ofSeconds((long) (random.nextDouble() * Math.max(1, window - outage - 5))),
                Kind.CREATIO_OUTAGE, profile.outage(), "every Creatio call answers 503 (OData, $batch, identity)"));
        faults.sort(Comparator.comparing(Fault::at).thenComparing(Fault::kind));
        List<Fault> numbered = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            numbered.add(new Fault(i + 1, f.at(), f.kind(), f.duration(), f.detail()));
        }
        return numbered;
    }

    private static long durationOf(Kind kind, Random random) {
        return switch (kind) {
            case CREATIO_5XX_BURST, CREATIO_429_STORM, CREATIO_LATENCY, QUOTA_EXHAUSTED -> 8 + random.nextInt(13);
            case IDENTITY_DOWN -> 10 + random.nextInt(11);
            case BROKER_RESTART -> 3 + random.nextInt(8);
            case POSTGRES_RESTART -> 2 + random.nextInt(5);
            case MISCONFIGURED_WORKER -> 30 + random.nextInt(31);
            default -> 0;
        };
    }

    private static String detailOf(Kind kind, Random random) {
        return switch (kind) {
            case CREATIO_5XX_BURST -> "Creatio answers " + List.of(500, 502, 503).get(random.nextInt(3)) + " to half its calls";
            case CREATIO_429_STORM -> "Creatio answers 429 (Retry-After: 1) to 60 % of its calls";
            case CREATIO_LATENCY -> "every OData call waits 300-" + (1500 + random.nextInt(2500)) + " ms";
            case TOKEN_REVOCATION -> "every issued Creatio token revoked";
            case IDENTITY_DOWN -> "the identity service answers 503; tokens revoked as it goes down";
            case QUOTA_EXHAUSTED -> "the day's quota spent: Creatio enforces it (429)";
            case WORKER_KILL -> "SIGKILL sync-worker, restart";
            case WORKER_KILL_MID_WRITE -> "a Lead write committed, its answer held 8 s; SIGKILL sync-worker in that window, restart";
            case GATEWAY_KILL -> "SIGKILL creatio-gateway, restart";
            case SYNC_API_KILL_BOTH -> "SIGKILL both sync-api replicas, restart";
            case CONFLICT_SERVICE_KILL -> "SIGKILL conflict-service, restart";
            case BROKER_RESTART -> "controlled broker stop, down, start (same data, same port)";
            case POSTGRES_RESTART -> "PostgreSQL fast shutdown, down, start (same data, same port)";
            case MISCONFIGURED_WORKER -> "a sync-worker with a wrong client secret joins the group, then leaves";
            case CREATIO_OUTAGE -> "Creatio down";
        };
    }

    /** Injects the schedule from now on; returns when every fault is over and every process is ready again. */
    List<Outcome> run() {
        Instant start = Instant.now();
        windowStart = start;
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chaos-fault");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Fault fault : schedule) {
                running.add(pool.submit(() -> {
                    sleepUntil(start.plus(fault.at()));
                    inject(fault);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("A fault could not be injected", e);
        } finally {
            pool.shutdownNow();
        }
        outcomes.sort(Comparator.comparing(o -> o.fault().index()));
        return List.copyOf(outcomes);
    }

    private void inject(Fault fault) {
        ReentrantLock lock = targets.computeIfAbsent(fault.kind().target, t -> new ReentrantLock());
        lock.lock();
        Instant started = Instant.now();
        String note = "";
        try {
            System.out.printf("chaos: t+%ds fault %s%n", Duration.between(windowStart, started).toSeconds(), fault);
            note = switch (fault.kind()) {
                case CREATIO_5XX_BURST -> rule(fault, Map.of("group", "any", "action", "error", "status",
                        Integer.parseInt(fault.detail().replaceAll("\\D+(\\d{3}).*", "$1")), "probability", 0.5, "seed", fault.index()));
                case CREATIO_429_STORM -> rule(fault, Map.of("group", "any", "action", "throttle", "retryAfterSeconds", 1,
                        "probability", 0.6, "seed", fault.index()));
                case CREATIO_LATENCY -> rule(fault, Map.of("group", "odata", "action", "latency", "minMs", 300,
                        "maxMs", Integer.parseInt(fault.detail().replaceAll(".*300-(\\d+) ms", "$1"))));
                case CREATIO_OUTAGE -> rule(fault, Map.of("group", "any", "action", "down"));
                case TOKEN_REVOCATION -> revokeTokens();
                case IDENTITY_DOWN -> {
                    String id = sync.fault(Map.of("group", "identity", "action", "down"));
                    revokeTokens();
                    sleep(fault.duration());
                    removeRule(id);
                    yield "";
                }
                case QUOTA_EXHAUSTED -> quotaExhausted(fault.duration());
                case WORKER_KILL -> restart(List.of("sync-worker"));
                case WORKER_KILL_MID_WRITE -> killMidWrite();
                case GATEWAY_KILL -> restart(List.of("creatio-gateway"));
                case SYNC_API_KILL_BOTH -> restart(stack.instances().keySet().stream().filter(n -> n.startsWith("sync-api")).toList());
                case CONFLICT_SERVICE_KILL -> restart(List.of("conflict-service"));
                case BROKER_RESTART -> {
                    stack.restartBroker(fault.duration());
                    yield "";
                }
                case POSTGRES_RESTART -> {
                    stack.restartPostgres(fault.duration());
                    yield "";
                }
                case MISCONFIGURED_WORKER -> misconfiguredWorker(fault.duration());
            };
        } finally {
            lock.unlock();
            outcomes.add(new Outcome(fault, started, Instant.now(), note));
        }
    }

    private String rule(Fault fault, Map<String, Object> rule) {
        String id = sync.fault(rule);
        sleep(fault.duration());
        removeRule(id);
        return "";
    }

    private void removeRule(String id) {
        given().baseUri(sync.simulator).when().delete("/sim/faults/" + id).then().statusCode(org.hamcrest.Matchers.lessThan(500));
    }

    private String revokeTokens() {
        int revoked = given().baseUri(sync.simulator).contentType(ContentType.JSON).body("{}").when().post("/sim/tokens/revoke")
                .then().statusCode(200).extract().path("revoked");
        return revoked + " tokens revoked";
    }

    private String quotaExhausted(Duration duration) {
        Map<String, Object> before = given().baseUri(sync.simulator).when().get("/sim/quota").then().statusCode(200).extract()
                .jsonPath().getMap("$");
        Object used = before.get("used");
        putQuota(Map.of("enforce", true, "limit", used));
        sleep(duration);
        putQuota(Map.of("enforce", before.get("enforce"), "limit", before.get("limit")));
        return "limit set to " + used + " calls used";
    }

    private void putQuota(Map<String, Object> quota) {
        given().baseUri(sync.simulator).contentType(ContentType.JSON).body(Json.write(quota)).when().put("/sim/quota")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    /** A Lead write committed whose answer is held back; the worker SIGKILLed while it waits (if one came within 20 s). */
    private String killMidWrite() {
        String id = sync.fault(Map.of("group", "odata", "entitySet", "Lead", "methods", List.of("PATCH", "POST"),
                "action", "commit-then-delay", "durationMs", 8000, "times", 1));
        Instant deadline = Instant.now().plusSeconds(20);
        boolean held = false;
        while (Instant.now().isBefore(deadline) && !held) {
            List<Object> rules = given().baseUri(sync.simulator).when().get("/sim/faults").then().statusCode(200).extract()
                    .jsonPath().getList("id");
            held = !rules.contains(id);
            if (!held) {
                sleep(Duration.ofMillis(100));
            }
        }
        if (held) {
            // the write is committed and its answer delayed: die before the result is published
            sleep(Duration.ofMillis(500));
        } else {
            removeRule(id);
        }
        restart(List.of("sync-worker"));
        return held ? "killed while a Lead write's answer was held" : "no Lead write within 20 s: killed without one in flight";
    }

    private String misconfiguredWorker(Duration duration) {
        QuarkusService bad = stack.startInstance(ServiceKind.SYNC_WORKER, Map.of("NIA_OIDC_CLIENT_SECRET", "wrong-" + System.nanoTime()));
        sleep(duration);
        boolean alive = bad.isAlive();
        stack.stopInstance(bad.name());
        return bad.name() + (alive ? " ran " : " had exited after ") + duration.toSeconds() + " s";
    }

    /** SIGKILLs the instances at once and starts each again on its port, until ready (retried while what it needs is down). */
    private String restart(List<String> names) {
        List<QuarkusService> services = names.stream().map(stack::instance).toList();
        services.forEach(QuarkusService::kill);
        services.parallelStream().forEach(ChaosFaults::startUntilReady);
        return "";
    }

    static void startUntilReady(QuarkusService service) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 4; attempt++) {
            try {
                if (!service.isAlive()) {
                    service.start();
                }
                service.awaitReady(READY);
                return;
            } catch (IllegalStateException e) {
                // started while PostgreSQL or the broker was down and gave up: start it again
                last = e;
                System.out.printf("chaos: %s not ready (%s), starting again%n", service.name(), e.getMessage());
                if (service.isAlive()) {
                    service.kill();
                }
                sleep(Duration.ofSeconds(3));
            }
        }
        throw last;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepUntil(Instant when) {
        sleep(Duration.between(Instant.now(), when));
    }
}
