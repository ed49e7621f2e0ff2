package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.meeting.MeetingEnded.ActionItem;
import com.nia.crmsync.model.meeting.MeetingEnded.Participant;
import com.nia.crmsync.model.meeting.MeetingEnded.Person;
import com.nia.crmsync.model.meeting.MeetingEnded.Priority;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/**
 * The seeded workload of a chaos run and its model of what every record must end as. Leads edited
 * in NIA ({@code title}, through the public API of either sync-api replica) and by a Creatio user
 * ({@code MobilePhone}, the simulator's {@code act} endpoints), leads whose manual {@code budget} is
 * edited on both sides (one conflict each, some resolved by an operator during the run), meetings
 * ended and then corrected (the meeting topic), resync requests (the requests topic) and one lead
 * Creatio must refuse (an email longer than {@code Lead.Email}: an expected failure). Values carry a
 * sequence number, so a value going back to an older one is seen. Every call is retried until the
 * service at the other end answers: the faults make them fail for a while.
 */
final class ChaosWorkload {

    /** Calls give up on a dead peer quickly; the workload retries them. */
    static final RestAssuredConfig HTTP = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 20_000));
    private static final Duration OPERATION_DEADLINE = Duration.ofMinutes(3);
    private static final Instant STARTED = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(10, 0).toInstant(ZoneOffset.UTC);

    /** A lead edited on both sides, and the last value each side wrote. */
    static final class ValueLead {
        final UUID id;
        final String email;
        volatile String title;
        volatile String phone;

        ValueLead(UUID id, String email, String title, String phone) {
            this.id = id;
            this.email = email;
            this.title = title;
            this.phone = phone;
        }
    }

    /** A lead whose budget both sides changed: the values, and whether an operator is to resolve it. */
    static final class Collision {
        final UUID id;
        final String email;
        volatile int niaBudget = 100;
        volatile int creatioBudget = 100;
        volatile boolean collided;
        volatile boolean resolve;
        volatile String conflictId;
        volatile boolean resolutionSent;

        Collision(UUID id, String email) {
            this.id = id;
            this.email = email;
        }
    }

    /** A meeting on a lead of its own: its action items before and after the correction. */
    record Meeting(String meetingId, UUID lead, String leadEmail, String company, String newEmail, String organizerEmail) {

        String keptTitleBefore() {
            return "Send the proposal to " + company;
        }

        String keptTitleAfter() {
            return "Send the revised proposal to " + company;
        }

        String droppedTitle() {
            return "Book a deep-dive with " + company;
        }
    }

    /** One planned operation, at its offset from the window's start. */
    record Operation(Duration at, String kind, int target) {
    }

    final Stack stack;
    final SyncPath sync;
    final CreatioOData creatio;
    final String tag;
    final String router;
    final List<ValueLead> leads = new ArrayList<>();
    final List<Collision> collisions = new ArrayList<>();
    final List<Meeting> meetings = new ArrayList<>();
    final Map<String, Integer> meetingRevision = new ConcurrentHashMap<>();
    UUID poisonLead;
    final AtomicInteger sequence = new AtomicInteger();
    final AtomicInteger applied = new AtomicInteger();
    /** Resolutions whose conflict did not exist before the fault window ended: their collision stays an open conflict in the model. */
    final AtomicInteger unresolved = new AtomicInteger();
    final AtomicInteger retriedCalls = new AtomicInteger();
    final Map<String, Integer> operationCounts = new ConcurrentHashMap<>();
    private final TestKafka kafka;
    private final Random random;
    private final ChaosProfile profile;

    ChaosWorkload(Stack stack, ChaosProfile profile, long seed) {
        this.stack = stack;
        this.sync = new SyncPath(stack);
        this.creatio = new CreatioOData(stack);
        this.kafka = new TestKafka(stack.kafka().bootstrapServers());
        this.profile = profile;
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.tag = "chaos" + Long.toHexString(seed & 0xffffffL) + UUID.randomUUID().toString().substring(0, 4);
        this.router = stack.service(ServiceKind.FRONT_ROUTER).baseUrl();
    }

    // ---- setup: every record exists and is synced before the faults begin

    void createRecords() {
        for (int i = 0; i < profile.leads(); i++) {
            String email = email("value" + i);
            String title = title(0);
            String phone = phone(0);
            UUID id = createLead(lead("Value" + i, email, title, phone, 0));
            leads.add(new ValueLead(id, email, title, phone));
        }
        for (int i = 0; i < profile.collisions(); i++) {
            String email = email("budget" + i);
            collisions.add(new Collision(createLead(lead("Budget" + i, email, title(0), phone(0), 100)), email));
        }
        for (int i = 0; i < profile.collisions(); i++) {
            collisions.get(i).resolve = i < profile.resolved();
        }
        for (int i = 0; i < profile.meetings(); i++) {
            String company = "Chaos Prospect " + tag + " " + i;
            String email = email("meeting" + i);
            UUID lead = createLead(lead("Meeting" + i, email, title(0), phone(0), 0));
            meetings.add(new Meeting("meeting-" + tag + "-" + i, lead, email, company, email("new" + i), email("organizer" + i)));
        }
        // a valid address of 253 characters, longer than Lead.Email (250), within NIA's bound (254): the record fails
        String local = ("poison." + tag + "a".repeat(64)).substring(0, 58);
        String poisonEmail = local + "@" + "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + ".example.org";
        poisonLead = createLead(lead("Poison", poisonEmail, title(0), phone(0), 0));
        for (UUID id : allLeadIds()) {
            sync.awaitStatus(EntityType.LEAD, id, "synced", Duration.ofMinutes(3));
        }
        sync.awaitStatus(EntityType.LEAD, poisonLead, "failed", Duration.ofMinutes(3));
    }

    List<UUID> allLeadIds() {
        List<UUID> ids = new ArrayList<>();
        leads.forEach(l -> ids.add(l.id));
        collisions.forEach(c -> ids.add(c.id));
        meetings.forEach(m -> ids.add(m.lead()));
        return ids;
    }

    private String email(String who) {
        return (who + "." + tag + "@chaos.example").toLowerCase(Locale.ROOT);
    }

    private String title(int seq) {
        return "Chaos title " + seq;
    }

    private static String phone(int seq) {
        return String.format("+1555%07d", seq);
    }

    static int sequenceOf(Object value) {
        String s = String.valueOf(value);
        String digits = s.startsWith("+1555") ? s.substring(5) : s.replaceAll("^Chaos title ", "");
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Map<String, Object> lead(String last, String email, String title, String phone, int budget) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", "Chaos");
        f.put("last_name", last + " " + tag);
        f.put("email", email);
        f.put("company", "Chaos " + tag);
        f.put("title", title);
        f.put("phone", phone);
        f.put("status", "qualified");
        f.put("budget", budget);
        return f;
    }

    private UUID createLead(Map<String, Object> fields) {
        return UUID.fromString(nia(sync.syncApi).contentType(ContentType.JSON).body(Json.write(fields)).when().post("/api/v1/leads")
                .then().statusCode(201).extract().path("id"));
    }

    // ---- the plan

    /** The operations over the window, in time order: seeded. */
    List<Operation> plan() {
        long window = profile.faultWindow().toMillis();
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < collisions.size(); i++) {
            ops.add(new Operation(Duration.ofMillis((long) (random.nextDouble() * window * 0.4)), "collision", i));
            if (collisions.get(i).resolve) {
                ops.add(new Operation(Duration.ofMillis((long) (window * (0.5 + random.nextDouble() * 0.4))), "resolve", i));
            }
        }
        for (int i = 0; i < meetings.size(); i++) {
            double first = random.nextDouble() * 0.4;
            ops.add(new Operation(Duration.ofMillis((long) (window * first)), "meeting", i));
            ops.add(new Operation(Duration.ofMillis((long) (window * (first + 0.1 + random.nextDouble() * 0.4))), "meeting-correction", i));
        }
        int rest = Math.max(0, profile.operations() - ops.size());
        for (int i = 0; i < rest; i++) {
            double p = random.nextDouble();
            String kind = p < 0.45 ? "nia-edit" : p < 0.88 ? "creatio-edit" : "resync";
            ops.add(new Operation(Duration.ofMillis((long) (random.nextDouble() * window * 0.9)), kind, random.nextInt(leads.size())));
        }
        ops.sort(Comparator.comparing(Operation::at));
        return ops;
    }

    /** Runs the plan from now on; returns when every operation was applied. */
    void run(List<Operation> plan) {
        Instant start = Instant.now();
        List<Operation> queue = new ArrayList<>(plan);
        while (!queue.isEmpty()) {
            Operation op = queue.remove(0);
            ChaosFaults.sleep(Duration.between(Instant.now(), start.plus(op.at())));
            if (!apply(op)) {
                // a resolution before its conflict exists: again 5 s later; at the end of the fault window it is
                // given up, and the model expects its collision as an open conflict (resolutionSent stays false)
                Duration later = op.at().plusSeconds(5);
                if (later.compareTo(profile.faultWindow()) < 0) {
                    queue.add(new Operation(later, op.kind(), op.target()));
                    queue.sort(Comparator.comparing(Operation::at));
                } else {
                    unresolved.incrementAndGet();
                }
                continue;
            }
            applied.incrementAndGet();
            operationCounts.merge(op.kind(), 1, Integer::sum);
        }
    }

    private boolean apply(Operation op) {
        switch (op.kind()) {
            case "nia-edit" -> {
                ValueLead lead = leads.get(op.target());
                String title = title(sequence.incrementAndGet());
                editNia(lead.id, Map.of("title", title));
                lead.title = title;
            }
            case "creatio-edit" -> {
                ValueLead lead = leads.get(op.target());
                String phone = phone(sequence.incrementAndGet());
                retry(() -> given().config(HTTP).baseUri(sync.simulator).contentType(ContentType.JSON)
                        .body(Json.write(Map.of("MobilePhone", phone))).when()
                        .patch("/sim/act/Lead/" + SyncPath.creatioIdOf(EntityType.LEAD, lead.id)), 200);
                lead.phone = phone;
            }
            case "resync" -> {
                List<UUID> ids = new ArrayList<>();
                for (ValueLead l : leads) {
                    if (random.nextBoolean()) {
                        ids.add(l.id);
                    }
                }
                publishResync(ids);
            }
            case "collision" -> {
                Collision c = collisions.get(op.target());
                int inCreatio = 1000 + sequence.incrementAndGet();
                int inNia = 2000 + sequence.incrementAndGet();
                retry(() -> given().config(HTTP).baseUri(sync.simulator).contentType(ContentType.JSON)
                        .body(Json.write(Map.of("Budget", inCreatio))).when()
                        .patch("/sim/act/Lead/" + SyncPath.creatioIdOf(EntityType.LEAD, c.id)), 200);
                c.creatioBudget = inCreatio;
                editNia(c.id, Map.of("budget", inNia));
                c.niaBudget = inNia;
                c.collided = true;
            }
            case "resolve" -> {
                return resolve(collisions.get(op.target()));
            }
            case "meeting" -> publishMeeting(meetings.get(op.target()), 1);
            case "meeting-correction" -> publishMeeting(meetings.get(op.target()), 2);
            default -> throw new IllegalArgumentException(op.kind());
        }
        return true;
    }

    /** Sends the resolution of the collision's pending conflict ({@code local_wins}); false while there is none yet. */
    boolean resolve(Collision c) {
        if (c.resolutionSent) {
            return true;
        }
        List<Map<String, Object>> pending = conflicts(c.id, "pending");
        if (pending.isEmpty()) {
            return false;
        }
        c.conflictId = String.valueOf(pending.get(0).get("id"));
        Map<String, Object> body = Map.of("conflict_id", c.conflictId, "strategy", "local_wins");
        retry(() -> given().config(HTTP).baseUri(router).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Json.write(body)).when().post("/api/v1/crm/sync/resolve-conflict/"), 202);
        c.resolutionSent = true;
        return true;
    }

    List<Map<String, Object>> conflicts(UUID localId, String status) {
        Response r = retry(() -> {
            RequestSpecification spec = given().config(HTTP).baseUri(router).auth().oauth2(TestTokens.operator())
                    .queryParam("entity_id", localId);
            if (status != null) {
                spec.queryParam("status", status);
            }
            return spec.when().get("/api/v1/crm/conflicts/");
        }, 200);
        return r.jsonPath().getList("items");
    }

    private void editNia(UUID id, Map<String, Object> changes) {
        String path = "/api/v1/leads/" + id;
        Instant deadline = Instant.now().plus(OPERATION_DEADLINE);
        int attempt = 0;
        while (true) {
            String api = syncApi(attempt++);
            try {
                Response current = nia(api).when().get(path);
                if (current.statusCode() == 200) {
                    Map<String, Object> body = new LinkedHashMap<>(current.jsonPath().getMap("$"));
                    for (String readOnly : List.of("id", "version", "created_at", "updated_at", "deleted", "deleted_at")) {
                        body.remove(readOnly);
                    }
                    body.putAll(changes);
                    Response put = nia(api).contentType(ContentType.JSON).header("If-Match", current.header("ETag"))
                            .body(Json.write(body)).when().put(path);
                    if (put.statusCode() == 200) {
                        return;
                    }
                }
            } catch (Exception e) { // RestAssured throws a ConnectException without declaring it
                // the replica is down or was killed while answering: ask again (a repeated edit writes the same values)
            }
            retriedCalls.incrementAndGet();
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("No sync-api replica accepted an edit of lead " + id + " in " + OPERATION_DEADLINE);
            }
            ChaosFaults.sleep(Duration.ofMillis(500));
        }
    }

    /** The base URL of a live sync-api replica, taking turns. */
    String syncApi(int turn) {
        List<String> apis = stack.instances().entrySet().stream().filter(e -> e.getKey().startsWith("sync-api"))
                .map(e -> e.getValue().baseUrl()).sorted().toList();
        return apis.get(Math.floorMod(turn, apis.size()));
    }

    static RequestSpecification nia(String api) {
        return given().config(HTTP).baseUri(api).auth().oauth2(TestTokens.operator());
    }

    /** The call again until it answers {@code status}, for up to three minutes. */
    Response retry(Supplier<Response> call, int status) {
        Instant deadline = Instant.now().plus(OPERATION_DEADLINE);
        String last = "";
        while (true) {
            try {
                Response r = call.get();
                if (r.statusCode() == status) {
                    return r;
                }
                last = r.statusCode() + " " + r.asString();
            } catch (Exception e) {
                last = e.toString();
            }
            retriedCalls.incrementAndGet();
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("No answer " + status + " in " + OPERATION_DEADLINE + "; last: " + last);
            }
            ChaosFaults.sleep(Duration.ofMillis(500));
        }
    }

    private void send(String topic, String key, String json) {
        Instant deadline = Instant.now().plus(OPERATION_DEADLINE);
        while (true) {
            try {
                kafka.send(topic, key, json);
                return;
            } catch (RuntimeException e) {
                // the broker is being restarted
                retriedCalls.incrementAndGet();
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                ChaosFaults.sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void publishResync(List<UUID> ids) {
        UUID eventId = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("requestId", requestId.toString());
        payload.put("scope", "ids");
        payload.put("entityTypes", List.of("lead"));
        payload.put("ids", ids.stream().map(UUID::toString).toList());
        payload.put("force", false);
        payload.put("dryRun", false);
        payload.put("requestedBy", "chaos/" + tag);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", "crm.sync.resync.requested");
        envelope.put("schemaVersion", 1);
        envelope.put("aggregateId", requestId.toString());
        envelope.put("correlationId", eventId.toString());
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("payload", payload);
        send(Topics.SYNC_REQUESTS, requestId.toString(), Json.write(envelope));
    }

    private void publishMeeting(Meeting m, int revision) {
        ActionItem kept = new ActionItem("ai-1", revision == 1 ? m.keptTitleBefore() : m.keptTitleAfter(), "Pricing for 20 seats",
                m.organizerEmail(), "Olga Organizer", STARTED.atZone(ZoneOffset.UTC).toLocalDate().plusDays(7), Priority.HIGH);
        ActionItem dropped = new ActionItem("ai-2", m.droppedTitle(), "With their CTO", m.organizerEmail(), "Olga Organizer",
                STARTED.atZone(ZoneOffset.UTC).toLocalDate().plusDays(14), Priority.MEDIUM);
        MeetingEnded e = new MeetingEnded(m.meetingId(), (long) revision, "Chaos demo for " + m.company(), STARTED,
                STARTED.plus(45, ChronoUnit.MINUTES), new Person("Olga Organizer", m.organizerEmail()),
                List.of(new Participant("Olga Organizer", m.organizerEmail(), "NIA", "Account Executive", true),
                        new Participant("Nora New " + tag, m.newEmail(), m.company(), "Procurement", false)),
                m.lead(), "Chaos meeting " + tag + ", revision " + revision + ".", "demo", Map.of(), null, null,
                revision == 1 ? List.of(kept, dropped) : List.of(kept), List.of());
        send(Topics.MEETINGS_ENDED, m.meetingId(), Json.write(Envelope.create(EventTypes.MEETING_ENDED, m.meetingId(), e)));
        meetingRevision.merge(m.meetingId(), revision, Math::max);
    }

    // ---- what the data says now

    /** Every disagreement between the data and the model, one line each; empty when the run converged. */
    List<String> disagreements() {
        List<String> out = new ArrayList<>();
        for (ValueLead l : leads) {
            Map<String, Object> nia = niaLead(l.id);
            Map<String, Object> crm = creatioLead(l.id);
            expect(out, l.email + " NIA title", l.title, nia.get("title"));
            expect(out, l.email + " NIA phone", l.phone, nia.get("phone"));
            expect(out, l.email + " Creatio FullJobTitle", l.title, crm.get("FullJobTitle"));
            expect(out, l.email + " Creatio MobilePhone", l.phone, crm.get("MobilePhone"));
        }
        for (Collision c : collisions) {
            Map<String, Object> nia = niaLead(c.id);
            Map<String, Object> crm = creatioLead(c.id);
            boolean resolved = c.resolve;
            expect(out, c.email + " NIA budget", c.niaBudget, number(nia.get("budget")));
            expect(out, c.email + " Creatio Budget", resolved ? c.niaBudget : c.creatioBudget, number(crm.get("Budget")));
            String want = resolved ? "resolved" : "pending";
            List<Map<String, Object>> open = conflicts(c.id, want);
            if (open.size() != 1) {
                out.add(c.email + ": " + open.size() + " conflicts " + want + ", the model expects 1");
            }
        }
        for (Meeting m : meetings) {
            out.addAll(meetingDisagreements(m));
        }
        String poison = sync.syncState(EntityType.LEAD, poisonLead).map(s -> s.getString("status")).orElse("none");
        expect(out, "poison lead status", "failed", poison);
        return out;
    }

    private static void expect(List<String> out, String what, Object expected, Object actual) {
        if (!Objects.equals(String.valueOf(expected), String.valueOf(actual))) {
            out.add(what + ": " + actual + ", the model expects " + expected);
        }
    }

    private static String number(Object value) {
        return value == null ? "null" : new BigDecimal(String.valueOf(value)).stripTrailingZeros().toPlainString();
    }

    Map<String, Object> niaLead(UUID id) {
        return retry(() -> nia(sync.syncApi).when().get("/api/v1/leads/" + id), 200).jsonPath().getMap("$");
    }

    Map<String, Object> creatioLead(UUID id) {
        return creatio.row("Lead", SyncPath.creatioIdOf(EntityType.LEAD, id)).orElse(Map.of());
    }

    /** Where a meeting's task stands in sync-api (status, command in flight, last error), for the evidence. */
    private String taskState(Meeting m, String actionItemId) {
        UUID id = Ids.localIdFor(EntityType.TASK, m.meetingId() + "/" + actionItemId);
        try {
            return sync.syncState(EntityType.TASK, id).map(s -> id + " " + s.getString("status") + " (command "
                    + s.getString("pending_command_id") + ", last error " + s.getString("last_error") + ")").orElse(id + " none");
        } catch (RuntimeException e) {
            return id + " unknown (" + e.getMessage() + ")";
        }
    }

    List<String> meetingDisagreements(Meeting m) {
        List<String> out = new ArrayList<>();
        UUID lead = SyncPath.creatioIdOf(EntityType.LEAD, m.lead());
        UUID meetingCategory = creatio.lookup("ActivityCategory", "Meeting");
        UUID todo = creatio.lookup("ActivityCategory", "To do");
        UUID canceled = creatio.lookup("ActivityStatus", "Canceled");
        List<Map<String, Object>> activities = creatio.rows("Activity", "Lead/Id eq " + lead + " and ActivityCategory/Id eq " + meetingCategory, null);
        if (activities.size() != 1) {
            out.add(m.meetingId() + ": " + activities.size() + " meeting activities, the model expects 1");
        }
        List<Map<String, Object>> tasks = creatio.rows("Activity", "Lead/Id eq " + lead + " and ActivityCategory/Id eq " + todo, null);
        long kept = tasks.stream().filter(t -> m.keptTitleAfter().equals(t.get("Title")) && !canceled.equals(CreatioOData.id(t, "StatusId"))).count();
        long dropped = tasks.stream().filter(t -> m.droppedTitle().equals(t.get("Title")) && canceled.equals(CreatioOData.id(t, "StatusId"))).count();
        if (tasks.size() != 2 || kept != 1 || dropped != 1) {
            out.add(m.meetingId() + ": tasks " + tasks.stream().map(t -> t.get("Title") + "/" + CreatioOData.id(t, "StatusId")).toList()
                    + ", the model expects the corrected one open and the dropped one canceled; their sync states: kept "
                    + taskState(m, "ai-1") + ", dropped " + taskState(m, "ai-2"));
        }
        return out;
    }
}
