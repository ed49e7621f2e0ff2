package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Scale-out under a crash: three sync-worker processes in one consumer group share a {@code sync_all}
 * of 5,000 new leads; one is SIGKILLed midway (its processed but uncommitted commands are delivered
 * again to the others: the stack commits offsets only every 60 s) and a fresh one joins later. Every
 * lead reaches Creatio exactly once — one Creatio record per NIA lead, under the Id allocated for it,
 * none missing, none twice — and the run completes. The stack's worker set is restored afterwards. It runs
 * late (before {@link ChaosShortSystemTests}, whose workload touches only its own leads, and
 * {@link SecretLeakSystemTests}): its 5,000 leads stay in the shared stack, and every
 * later {@code sync_all} would plan them again.
 */
@Order(Integer.MAX_VALUE - 2)
class ScaleOutKillSystemTests extends SyncSystemTest {

    private static final int LEADS = 5_000;
    private static final Duration WITHIN = Duration.ofMinutes(10);
    private static final List<String> ADDED = new ArrayList<>();

    @AfterAll
    static void restoreTheWorkerSet() {
        Stack stack = SystemStack.get();
        for (String name : ADDED) {
            if (stack.instances().containsKey(name)) {
                stack.stopInstance(name);
            }
        }
    }

    @Test
    void threeWorkersOneKilledMidwayAndOneAddedLaterSyncEveryLeadToCreatioExactlyOnce() throws Exception {
        Stack stack = sync.stack;
        Map<UUID, String> emails = loadLeads();

        List<QuarkusService> added = List.of(startWorker(stack), startWorker(stack));
        added.forEach(w -> w.awaitReady(Duration.ofMinutes(3)));
        // all three in the group, each with a share of the bulk topic's partitions, before the run starts
        awaitBulkConsumers(stack, 3);

        String runId = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("entity_types", List.of("lead"))).when().post("/api/v1/crm/sync/sync_all/")
                .then().statusCode(202).extract().path("run_id");

        // midway: a tenth of the leads are in Creatio, the rest still queued or in flight
        CreatioOData creatio = new CreatioOData(stack);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> inCreatio(creatio).size() >= LEADS / 10);
        QuarkusService victim = added.get(1);
        stack.killInstance(victim.name());
        int atKill = inCreatio(creatio).size();
        System.out.printf("ScaleOutKill: %s SIGKILLed with %d of %d leads in Creatio%n", victim.name(), atKill, LEADS);
        assertThat(atKill).as("the kill happens while the run is running").isLessThan(LEADS);

        // later: a fresh worker joins the group the victim left
        startWorker(stack).awaitReady(Duration.ofMinutes(3));

        Instant started = Instant.now();
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> List.of("completed", "failed").contains(run(runId).getString("status")));
        JsonPath done = run(runId);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        System.out.printf("ScaleOutKill: run completed %d s after the kill: total %d, synced %d, failed %d%n",
                Duration.between(started, Instant.now()).toSeconds(), done.getInt("total"), done.getInt("synced"), done.getInt("failed"));

        // Creatio holds exactly one record per lead, under the Id allocated for that lead
        List<Map<String, Object>> rows = inCreatio(creatio);
        Map<String, String> emailByCreatioId = new HashMap<>();
        for (Map<String, Object> row : rows) {
            emailByCreatioId.put(String.valueOf(row.get("Id")), String.valueOf(row.get("Email")));
        }
        assertThat(rows).as("Creatio records of this test's leads").hasSize(LEADS);
        List<String> missing = new ArrayList<>();
        emails.forEach((lead, email) -> {
            String creatioId = SyncPath.creatioIdOf(EntityType.LEAD, lead).toString();
            if (!email.equals(emailByCreatioId.get(creatioId))) {
                missing.add(lead + " (" + email + ")");
            }
        });
        assertThat(missing).as("NIA leads without their own Creatio record").isEmpty();
        UUID first = emails.keySet().iterator().next();
        assertThat(sync.syncState(EntityType.LEAD, first).orElseThrow().getString("status")).isEqualTo("synced");
    }

    /** 5,000 new leads in NIA in one fixture load (no command yet: the sync_all plans them); their emails by id. */
    private Map<UUID, String> loadLeads() {
        Map<UUID, String> emails = new LinkedHashMap<>();
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            UUID id = UUID.randomUUID();
            String email = "scale" + i + "." + marker + "@nia.example";
            emails.put(id, email);
            leads.add(Map.of("id", id.toString(), "first_name", "Scale", "last_name", "Out" + i, "email", email,
                    "company", "Scale " + marker, "status", "new"));
        }
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Json.write(Map.of("leads", leads))).when().post("/api/v1/crm/fixtures")
                .then().statusCode(200);
        return emails;
    }

    /** This test's leads as Creatio holds them: Id and Email. */
    private List<Map<String, Object>> inCreatio(CreatioOData creatio) {
        return creatio.rows("Lead", "Account eq 'Scale " + marker + "'", "Id,Email");
    }

    private static QuarkusService startWorker(Stack stack) {
        QuarkusService worker = stack.startInstance(ServiceKind.SYNC_WORKER);
        ADDED.add(worker.name());
        return worker;
    }

    /** Waits until {@code count} members of the workers' group hold partitions of the bulk command topic. */
    private static void awaitBulkConsumers(Stack stack, int count) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try (Admin admin = stack.kafka().admin()) {
                List<MemberDescription> members = new ArrayList<>(admin.describeConsumerGroups(List.of("sync-worker"))
                        .all().get(30, TimeUnit.SECONDS).get("sync-worker").members());
                return members.stream().filter(m -> m.assignment().topicPartitions().stream()
                        .anyMatch(tp -> tp.topic().equals(Topics.COMMANDS_BULK))).count() == count;
            }
        });
    }

    private JsonPath run(String runId) {
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                .then().statusCode(200).extract().jsonPath();
    }
}
