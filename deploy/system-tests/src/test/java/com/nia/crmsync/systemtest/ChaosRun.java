package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.restassured.http.ContentType;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/**
 * A chaos run (issue 21): a second sync-api replica joins the stack, the workload's records are
 * created and synced, then the seeded workload and the seeded fault schedule run together while a
 * monitor samples every record on both sides; when the last fault is over, the run re-drives what
 * an operator would (retry-failed, a failed resolution's retry, a pull cycle) until the data agrees
 * with the model, and checks the invariants from the data: no lost update, no good record
 * dead-lettered, no duplicate, no time travel, the Creatio budget, the convergence time. The stack is left as it was found: every
 * service running and ready, the extra replica stopped, no fault left. {@link #main} is
 * {@code deploy/chaos/run}; {@link ChaosShortSystemTests} runs the short profile in CI.
 */
public final class ChaosRun {

    /** One row of the invariant table. */
    record Invariant(String name, boolean holds, String evidence) {
    }

    /** What a run found: the invariant table and its figures. */
    record Report(long seed, ChaosProfile profile, List<Invariant> invariants, int operations, int faults, Duration convergence,
            Duration total) {

        boolean passed() {
            return invariants.stream().allMatch(Invariant::holds);
        }

        String table() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%nChaos run: profile %s, seed %d, %d operations, %d faults, converged %s after the last fault, %d s in all%n",
                    profile.name(), seed, operations, faults, convergence == null ? "never" : convergence.toSeconds() + " s", total.toSeconds()));
            b.append(String.format("| %-14s | %-5s | %s%n", "invariant", "holds", "evidence"));
            for (Invariant i : invariants) {
                b.append(String.format("| %-14s | %-5s | %s%n", i.name(), i.holds() ? "yes" : "NO", i.evidence()));
            }
            b.append(passed() ? "All invariants hold." : "INVARIANTS BROKEN: replay with --profile " + profile.name() + " --seed " + seed)
                    .append('\n');
            return b.toString();
        }
    }

    private final Stack stack;
    private final ChaosProfile profile;
    private final long seed;
    private final boolean misconfiguredWorker;
    private final SyncPath sync;
    private final Map<String, Integer> highest = new ConcurrentHashMap<>();
    private final List<String> timeTravel = new CopyOnWriteArrayList<>();
    private final AtomicInteger samples = new AtomicInteger();
    private List<String> convergenceLeft = List.of();

    ChaosRun(Stack stack, ChaosProfile profile, long seed, boolean misconfiguredWorker) {
        this.stack = stack;
        this.profile = profile;
        this.seed = seed;
        this.misconfiguredWorker = misconfiguredWorker;
        this.sync = new SyncPath(stack);
    }

    Report run() {
        Instant began = Instant.now();
        List<ChaosFaults.Fault> schedule = ChaosFaults.schedule(profile, seed, misconfiguredWorker);
        System.out.printf("%nChaos run: profile %s, seed %d, misconfigured worker %s, fault window %d s, Creatio outage %d s%n"
                + "Fault schedule (replay: deploy/chaos/run --profile %s --seed %d%s):%n", profile.name(), seed,
                misconfiguredWorker ? "on" : "off", profile.faultWindow().toSeconds(), profile.outage().toSeconds(), profile.name(), seed,
                misconfiguredWorker ? " --misconfigured-worker" : "");
        schedule.forEach(f -> System.out.println("  " + f));

        CompletableFuture<QuarkusService> replica = CompletableFuture.supplyAsync(this::secondSyncApi);
        Map<String, Object> savedMeetings = defaultMeetingOwner();
        ChaosWorkload workload = new ChaosWorkload(stack, profile, seed);
        Map<String, Object> quotaBefore = quota();
        Instant simulatorStart = sync.simulatorNow();
        try {
            workload.createRecords();
            QuarkusService second = replica.join();
            List<ChaosWorkload.Operation> plan = workload.plan();
            System.out.printf("Workload: %d leads edited on both sides, %d budget collisions (%d resolved), %d meetings corrected, "
                    + "1 lead Creatio refuses, %d operations; tag %s; second sync-api %s%n", workload.leads.size(),
                    workload.collisions.size(), profile.resolved(), workload.meetings.size(), plan.size(), workload.tag, second.name());

            AtomicBoolean monitoring = new AtomicBoolean(true);
            CompletableFuture<Void> monitor = CompletableFuture.runAsync(() -> monitor(workload, monitoring));
            CompletableFuture<Void> work = CompletableFuture.runAsync(() -> workload.run(plan));
            List<ChaosFaults.Outcome> outcomes = new ChaosFaults(stack, schedule).run();
            work.join();
            Instant lastFault = outcomes.stream().map(ChaosFaults.Outcome::ended).max(Instant::compareTo).orElse(Instant.now());
            System.out.println("Faults injected:");
            outcomes.forEach(o -> System.out.printf("  %s -> %d s%s%n", o.fault(), Duration.between(o.started(), o.ended()).toSeconds(),
                    o.note().isEmpty() ? "" : " (" + o.note() + ")"));

            Duration convergence = converge(workload, lastFault, simulatorStart);
            monitoring.set(false);
            monitor.join();
            List<Invariant> invariants = invariants(workload, convergence, quotaBefore, plan.size(), began);
            Report report = new Report(seed, profile, invariants, workload.applied.get(), outcomes.size(), convergence,
                    Duration.between(began, Instant.now()));
            System.out.println("Operations applied: " + workload.operationCounts + ", calls retried during faults: "
                    + workload.retriedCalls.get());
            return report;
        } finally {
            restore(savedMeetings, replica);
        }
    }

    // ---- setup and restore

    private QuarkusService secondSyncApi() {
        QuarkusService second = stack.startInstance(ServiceKind.SYNC_API);
        ChaosFaults.startUntilReady(second);
        return second;
    }

    private Map<String, Object> defaultMeetingOwner() {
        Map<String, Object> saved = new LinkedHashMap<>();
        persistently(() -> sync.changeConfiguration(c -> {
            Map<String, Object> meetings = MeetingSystemTests.meetings(c);
            saved.clear();
            saved.putAll(meetings);
            meetings.put("default_owner_contact_id", MeetingSystemTests.DEFAULT_OWNER.toString());
        }));
        return saved;
    }

    /** A configuration change, again while sync-api answers 503 (a loaded machine: its publish timed out). */
    private static void persistently(Runnable change) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            try {
                change.run();
                return;
            } catch (AssertionError | Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                ChaosFaults.sleep(Duration.ofSeconds(2));
            }
        }
    }

    /** Every fault off, Creatio's quota as it was, the extra replica stopped, every service of the stack ready. */
    private void restore(Map<String, Object> savedMeetings, CompletableFuture<QuarkusService> replica) {
        sync.clearFaults();
        QuarkusService second = replica.join();
        if (stack.instances().containsKey(second.name())) {
            stack.stopInstance(second.name());
        }
        for (QuarkusService s : stack.instances().values()) {
            ChaosFaults.startUntilReady(s);
        }
        persistently(() -> sync.changeConfiguration(c -> c.put("meetings", savedMeetings)));
    }

    private Map<String, Object> quota() {
        return given().baseUri(sync.simulator).when().get("/sim/quota").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    // ---- during the run: every value only moves forward

    private void monitor(ChaosWorkload workload, AtomicBoolean running) {
        int turn = 0;
        while (running.get()) {
            try {
                for (ChaosWorkload.ValueLead l : workload.leads) {
                    Map<String, Object> nia = ChaosWorkload.nia(workload.syncApi(turn++)).when().get("/api/v1/leads/" + l.id)
                            .then().extract().jsonPath().getMap("$");
                    if (nia != null && nia.containsKey("title")) {
                        observe(l.email, "NIA title", nia.get("title"));
                        observe(l.email, "NIA phone", nia.get("phone"));
                    }
                }
                for (Map<String, Object> row : workload.creatio.rows("Lead", "contains(Email,'" + workload.tag + "')",
                        "Id,Email,FullJobTitle,MobilePhone")) {
                    observe(String.valueOf(row.get("Email")), "Creatio FullJobTitle", row.get("FullJobTitle"));
                    observe(String.valueOf(row.get("Email")), "Creatio MobilePhone", row.get("MobilePhone"));
                }
            } catch (Exception | AssertionError e) {
                // a service or Creatio is down: sample again later
            }
            ChaosFaults.sleep(Duration.ofSeconds(2));
        }
    }

    private void observe(String record, String field, Object value) {
        int seq = ChaosWorkload.sequenceOf(value);
        if (seq < 0) {
            return;
        }
        samples.incrementAndGet();
        String key = record + " " + field;
        Integer before = highest.get(key);
        if (before != null && seq < before) {
            timeTravel.add(key + " went back to " + value + " after " + before);
        }
        highest.merge(key, seq, Math::max);
    }

    // ---- after the faults: agreement, as an operator would drive it

    private Duration converge(ChaosWorkload workload, Instant lastFault, Instant simulatorStart) {
        Instant deadline = lastFault.plus(profile.convergence().multipliedBy(2));
        List<String> left = List.of("not checked");
        int round = 0;
        while (Instant.now().isBefore(deadline)) {
            try {
                left = workload.disagreements();
                if (left.isEmpty()) {
                    Duration took = Duration.between(lastFault, Instant.now());
                    System.out.printf("Converged %d s after the last fault (%d rounds)%n", took.toSeconds(), round);
                    return took;
                }
                System.out.printf("Convergence round %d: %d disagreements, e.g. %s%n", ++round, left.size(), left.get(0));
                redrive(workload, simulatorStart);
            } catch (Exception | AssertionError e) {
                System.out.println("Convergence round " + ++round + ": " + e);
            }
            ChaosFaults.sleep(Duration.ofSeconds(3));
        }
        System.out.println("Not converged: " + String.join("; ", left));
        convergenceLeft = left;
        return null;
    }

    private void redrive(ChaosWorkload workload, Instant simulatorStart) {
        List<UUID> failed = workload.allLeadIds().stream()
                .filter(id -> sync.syncState(EntityType.LEAD, id).map(s -> "failed".equals(s.getString("status"))).orElse(false))
                .toList();
        if (!failed.isEmpty()) {
            System.out.println("  retry-failed for " + failed.size() + " leads");
            workload.retry(() -> ChaosWorkload.nia(sync.syncApi).contentType(ContentType.JSON)
                    .body(Json.write(Map.of("entity_type", "lead", "ids", failed))).when().post("/api/v1/crm/sync/retry-failed/"), 202);
        }
        for (ChaosWorkload.Collision c : workload.collisions) {
            if (c.resolve && !c.resolutionSent) {
                workload.resolve(c);
            }
            for (Map<String, Object> conflict : workload.conflicts(c.id, "failed")) {
                System.out.println("  retrying the failed resolution of " + c.email);
                workload.retry(() -> given().config(ChaosWorkload.HTTP).baseUri(workload.router).auth().oauth2(TestTokens.operator())
                        .contentType(ContentType.JSON).body("{}").when().post("/api/v1/crm/conflicts/" + conflict.get("id") + "/retry"), 202);
            }
        }
        sync.pullCycle(EntityType.LEAD, simulatorStart, Duration.ofMinutes(2));
    }

    // ---- the invariants, from the data

    private List<Invariant> invariants(ChaosWorkload w, Duration convergence, Map<String, Object> quotaBefore, int planned,
            Instant began) {
        List<Invariant> out = new ArrayList<>();
        List<String> lost = convergence != null ? List.of() : convergenceLeft;
        out.add(new Invariant("no lost update", lost.isEmpty(), lost.isEmpty()
                ? String.format("%d leads: title and phone = model on both sides; %d budget collisions: %d resolved (local wins on both sides), "
                        + "%d open conflicts as modelled; %d meetings at their corrected revision; 1 expected failure (Lead.Email too long)",
                        w.leads.size(), w.collisions.size(), profile.resolved(), w.collisions.size() - profile.resolved(), w.meetings.size())
                : lost.size() + " disagreements: " + String.join("; ", lost)));
        out.add(deadLetters(w, began));
        out.add(duplicates(w));
        out.add(timeTravel(w));
        out.add(budget(quotaBefore));
        boolean inTime = convergence != null && convergence.compareTo(profile.convergence()) <= 0;
        out.add(new Invariant("convergence", inTime, convergence == null ? "not converged within " + profile.convergence().multipliedBy(2).toSeconds() + " s"
                : convergence.toSeconds() + " s after the last fault (target ≤ " + profile.convergence().toSeconds() + " s)"));
        int givenUp = w.unresolved.get();
        out.add(new Invariant("workload", w.applied.get() + givenUp == planned, w.applied.get() + " of " + planned + " operations applied"
                + (givenUp == 0 ? "" : "; " + givenUp + " resolution(s) found no conflict before the faults ended (sent after them once it appeared, else an open conflict in the model)")));
        return out;
    }

    /**
     * Part of "no lost update": a good record on the dead-letter topic is a record the sync gave up.
     * The model expects none there but the refused lead's; each other one is listed with its origin
     * topic and reason (a database restart once dead-lettered meetings, resync requests and results).
     */
    private Invariant deadLetters(ChaosWorkload w, Instant began) {
        List<ConsumerRecord<String, String>> all = new TestKafka(stack.kafka().bootstrapServers())
                .readAll(Topics.DEAD_LETTERS, Duration.ofSeconds(3));
        // the run's own: the shared stack's earlier tests dead-letter records of their own on purpose
        List<String> marks = new ArrayList<>(List.of(w.tag));
        w.allLeadIds().forEach(id -> marks.add(id.toString()));
        for (ChaosWorkload.Meeting m : w.meetings) {
            marks.add(Ids.localIdFor(EntityType.MEETING, m.meetingId()).toString());
            marks.add(Ids.localIdFor(EntityType.TASK, m.meetingId() + "/ai-1").toString());
            marks.add(Ids.localIdFor(EntityType.TASK, m.meetingId() + "/ai-2").toString());
        }
        List<ConsumerRecord<String, String>> during = all.stream().filter(r -> r.timestamp() >= began.toEpochMilli())
                .filter(r -> marks.stream().anyMatch(mark -> r.key() != null && r.key().contains(mark) || r.value() != null && r.value().contains(mark)))
                .toList();
        String poison = w.poisonLead == null ? "-" : w.poisonLead.toString();
        List<String> unexpected = during.stream()
                .filter(r -> (r.key() == null || !r.key().contains(poison)) && (r.value() == null || !r.value().contains(poison)))
                .map(r -> TestKafka.header(r, DeadLetterHeaders.ORIGIN_TOPIC) + " " + r.key() + ": "
                        + abbreviate(TestKafka.header(r, DeadLetterHeaders.REASON)))
                .toList();
        return new Invariant("dead letters", unexpected.isEmpty(), unexpected.isEmpty()
                ? String.format("%d of the run's records dead-lettered, each the refused lead's as the model expects", during.size())
                : unexpected.size() + " good records dead-lettered: " + String.join("; ", unexpected));
    }

    private static String abbreviate(String s) {
        return s == null ? "no reason" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private Invariant duplicates(ChaosWorkload w) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> leads = w.creatio.rows("Lead", "contains(Email,'" + w.tag + "')", "Id,Email");
        Map<String, Long> perEmail = leads.stream().collect(Collectors.groupingBy(r -> String.valueOf(r.get("Email")), Collectors.counting()));
        int niaLeads = w.allLeadIds().size();
        perEmail.forEach((email, n) -> {
            if (n != 1) {
                found.add(n + " Creatio leads with " + email);
            }
        });
        if (perEmail.size() != niaLeads) {
            found.add(perEmail.size() + " Creatio leads for " + niaLeads + " NIA leads");
        }
        Set<UUID> expectedIds = w.allLeadIds().stream().map(id -> SyncPath.creatioIdOf(EntityType.LEAD, id)).collect(Collectors.toSet());
        leads.stream().map(r -> UUID.fromString(String.valueOf(r.get("Id")))).filter(id -> !expectedIds.contains(id))
                .forEach(id -> found.add("Creatio lead " + id + " is not the one allocated for its NIA lead"));
        int activities = 0;
        int participants = 0;
        for (ChaosWorkload.Meeting m : w.meetings) {
            UUID lead = SyncPath.creatioIdOf(EntityType.LEAD, m.lead());
            List<Map<String, Object>> rows = w.creatio.rows("Activity", "Lead/Id eq " + lead, "Id,Title,ActivityCategoryId");
            activities += rows.size();
            Map<String, Long> titles = rows.stream().collect(Collectors.groupingBy(r -> String.valueOf(r.get("Title")), Collectors.counting()));
            titles.forEach((title, n) -> {
                if (n != 1) {
                    found.add(n + " activities titled " + title);
                }
            });
            for (Map<String, Object> activity : rows) {
                List<Map<String, Object>> people = w.creatio.rows("ActivityParticipant", "Activity/Id eq " + activity.get("Id"), "Id,ParticipantId");
                participants += people.size();
                Map<Object, Long> perContact = people.stream().collect(Collectors.groupingBy(p -> p.get("ParticipantId"), Collectors.counting()));
                perContact.forEach((contact, n) -> {
                    if (n != 1) {
                        found.add("participant " + contact + " " + n + " times on " + activity.get("Title"));
                    }
                });
            }
            int contacts = w.creatio.rows("Contact", "Email eq '" + m.newEmail() + "'", "Id").size();
            if (contacts != 1) {
                found.add(contacts + " Creatio contacts for the meeting's new participant " + m.newEmail());
            }
            // nobody creates activities in Creatio here: an NIA record imported from Creatio is one of ours twice
            for (String list : List.of("/api/v1/crm/tasks/", "/api/v1/crm/meetings/")) {
                int imported = w.retry(() -> ChaosWorkload.nia(w.syncApi(0)).queryParam("lead_id", m.lead().toString())
                        .queryParam("origin", "creatio").when().get(list), 200).jsonPath().getInt("total");
                if (imported != 0) {
                    found.add(imported + " NIA records at " + list + " imported from Creatio for " + m.meetingId() + "'s lead");
                }
            }
        }
        return new Invariant("no duplicate", found.isEmpty(), found.isEmpty()
                ? String.format("%d Creatio leads, one per NIA lead under its allocated Id (the refused one: none); %d activities and tasks "
                        + "with no title twice; %d participants, none twice; one contact per new participant; no NIA task or meeting "
                        + "imported back", leads.size(), activities, participants)
                : String.join("; ", found));
    }

    private Invariant timeTravel(ChaosWorkload w) {
        List<String> found = new ArrayList<>(timeTravel);
        int audited = 0;
        for (ChaosWorkload.Collision c : w.collisions) {
            List<Map<String, Object>> all = w.conflicts(c.id, null);
            if (all.size() > 1) {
                found.add(all.size() + " conflicts for " + c.email);
            }
            for (Map<String, Object> conflict : all) {
                List<Map<String, Object>> audit = w.retry(() -> given().config(ChaosWorkload.HTTP).baseUri(w.router).auth()
                        .oauth2(TestTokens.operator()).when().get("/api/v1/crm/conflicts/" + conflict.get("id") + "/audit"), 200)
                        .jsonPath().getList("$");
                audited += audit.size();
                String trail = Json.write(audit);
                if (!c.resolve && trail.contains("\"resolved\"")) {
                    found.add("conflict of " + c.email + " resolved although nobody decided");
                }
            }
        }
        return new Invariant("no time travel", found.isEmpty(), found.isEmpty()
                ? String.format("%d samples of title and phone on both sides during the run, none went back to an older value; "
                        + "%d audit entries of %d conflicts, one conflict per collision, none decided twice", samples.get(), audited,
                        w.collisions.size())
                : String.join("; ", found));
    }

    private Invariant budget(Map<String, Object> quotaBefore) {
        Map<String, Object> now = quota();
        long used = ((Number) now.get("used")).longValue() - ((Number) quotaBefore.get("used")).longValue();
        String metrics = given().baseUri(stack.service(ServiceKind.CREATIO_GATEWAY).baseUrl()).when().get("/q/metrics").then()
                .statusCode(200).extract().asString();
        double limit = metrics.lines().filter(l -> l.startsWith("creatio_quota_limit")).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .mapToDouble(Double::parseDouble).findFirst().orElse(-1);
        boolean holds = used >= 0 && limit > 0 && ((Number) now.get("used")).longValue() <= limit;
        return new Invariant("budget", holds, String.format("%d Creatio calls counted by the simulator during the run, %s today; "
                + "the gateway's daily quota %.0f", used, now.get("used"), limit));
    }

    // ---- deploy/chaos/run

    /**
     * {@code deploy/chaos/run}: boots its own stack (the system tests' configuration, under
     * {@code nia.system.dir}) and runs one profile. System properties: {@code chaos.profile}
     * (short), {@code chaos.seed} (the time), {@code chaos.minutes} (the profile's window),
     * {@code chaos.misconfigured-worker} (false). Exits 1 when an invariant is broken.
     */
    public static void main(String[] args) {
        ChaosProfile profile = ChaosProfile.named(System.getProperty("chaos.profile", "short"));
        String minutes = System.getProperty("chaos.minutes", "");
        if (!minutes.isBlank()) {
            profile = profile.withFaultWindow(Duration.ofMinutes(Long.parseLong(minutes)));
        }
        long seed = Long.parseLong(System.getProperty("chaos.seed", Long.toString(System.currentTimeMillis())));
        boolean misconfigured = Boolean.getBoolean("chaos.misconfigured-worker");
        Report report = new ChaosRun(SystemStack.get(), profile, seed, misconfigured).run();
        System.out.println(report.table());
        System.exit(report.passed() ? 0 : 1);
    }
}
