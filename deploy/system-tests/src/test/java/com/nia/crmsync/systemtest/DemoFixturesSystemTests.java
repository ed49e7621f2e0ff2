package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/**
 * The local stack's demo data ({@code deploy/local/fixtures/crm_sync_fixtures.json}) against the
 * simulator's deterministic demo data (seed 42): a dry {@code sync_all} plans, and the real one
 * then does, creates, links, updates, no-ops and conflicts — each on the fixture record chosen for
 * it — and after a pull cycle the pending conflicts are exactly the two the README promises. A lookup
 * value shows its name next to its id in the plan and the log. Other tests' records share this
 * stack, so only the fixture records are looked at (and no seeded lead may wait on its stage).
 */
class DemoFixturesSystemTests extends SyncSystemTest {

    private static final Path FIXTURES = Path.of("../local/fixtures/crm_sync_fixtures.json");
    private static final Duration WITHIN = Duration.ofMinutes(4);
    private static final String QUALIFICATION = "d790a45d-03ff-4ddb-9dea-8087722c582c";
    private static final String DISTRIBUTION = "14cfc644-e3ed-497e-8279-ed4319bb8093";

    private static UUID lead(int n) {
        return UUID.fromString(String.format("f17e0000-0000-4000-8000-%012d", n));
    }

    private static UUID contact(int n) {
        return UUID.fromString(String.format("f17ec000-0000-4000-8000-%012d", n));
    }

    /** What each fixture record's plan line says (dry run): the design of the fixture file. */
    private static Map<String, String> plannedActions() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("lead:" + lead(1), "link");        // identical on both sides
        expected.put("lead:" + lead(2), "link");        // NIA fills Creatio's empty MobilePhone and Commentary
        expected.put("lead:" + lead(3), "update");      // linked earlier; Creatio's stage moved on, budget (manual) on both sides
        expected.put("lead:" + lead(4), "no_op");       // linked earlier, unchanged since
        expected.put("lead:" + lead(5), "no_op");       // linked earlier, the same edit made on both sides
        expected.put("lead:" + lead(6), "update");      // linked earlier, edited in NIA since
        expected.put("lead:" + lead(7), "conflict");    // budget (policy manual) changed on both sides
        for (int n = 8; n <= 10; n++) {
            expected.put("lead:" + lead(n), "create");  // only in NIA
        }
        expected.put("contact:" + contact(1), "link");
        expected.put("contact:" + contact(2), "update");
        expected.put("contact:" + contact(3), "create");
        expected.put("contact:" + contact(4), "create");
        return expected;
    }

    @Test
    void theDemoFixturesAgainstTheSeededSimulatorPlanAndThenMakeCreatesLinksUpdatesNoOpsAndConflicts() throws Exception {
        seedTheSimulatorOnce();
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Files.readString(FIXTURES)).when().post("/api/v1/crm/fixtures").then().statusCode(200);

        // the dry run: every fixture record's planned action, and nothing written
        String dryRun = syncAll(true);
        Map<String, String> planned = new TreeMap<>();
        Map<String, Object> stageMoved = null;
        for (int page = 0; ; page++) {
            JsonPath plan = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).queryParam("page", page)
                    .queryParam("size", 500).when().get("/api/v1/crm/sync/runs/" + dryRun + "/plan")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = plan.getList("items");
            for (Map<String, Object> line : items) {
                String key = line.get("entity_type") + ":" + line.get("local_id");
                if (plannedActions().containsKey(key)) {
                    planned.put(key, String.valueOf(line.get("action")));
                }
                if (key.equals("lead:" + lead(3))) {
                    stageMoved = line;
                }
            }
            if (items.size() < 500) {
                break;
            }
        }
        System.out.println("DemoFixtures: dry-run plan of the fixture records " + planned);
        assertThat(planned).isEqualTo(plannedActions());
        // the plan line of a lookup field: each id with its name
        assertThat(JsonPath.from(Json.write(stageMoved)).getMap("changes.status.nia"))
                .isEqualTo(Map.of("from", Map.of("id", QUALIFICATION, "name", "Qualification"),
                        "to", Map.of("id", DISTRIBUTION, "name", "Distribution")));
        assertThat(sync.find("Lead", "Email", "grace.hopper@cobol-compilers.nia-demo.example")).isEmpty();
        assertThat(sync.creatio("Lead", UUID.fromString("4ade0a4a-9aa0-48f6-98fe-b3a21395c825")).orElseThrow()
                .get("FullJobTitle")).isEqualTo("CFO");

        // the real run: the sync log's line of each fixture record in that run says what was done. A pull cycle (another
        // test's, or a scheduled one) would link or plan these records from the Creatio side at the same time; the pull is
        // paused here so that every answer is the run's own
        sync.changeConfiguration(c -> flags(c).put("pull_enabled", false));
        String run;
        try {
            run = syncAll(false);
        } finally {
            sync.changeConfiguration(c -> flags(c).put("pull_enabled", true));
        }
        Map<String, String> done = new TreeMap<>();
        for (String key : plannedActions().keySet()) {
            String[] typeAndId = key.split(":");
            List<Map<String, Object>> lines = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer())
                    .queryParam("entity_type", typeAndId[0]).queryParam("local_id", typeAndId[1]).queryParam("run_id", run)
                    .when().get("/api/v1/crm/sync/logs/").then().statusCode(200).extract().jsonPath().getList("items");
            lines.forEach(l -> done.merge(key, String.valueOf(l.get("operation")), (a, b) -> a + "," + b));
        }
        System.out.println("DemoFixtures: sync_all " + run + " did " + done);
        List<Map<String, Object>> stageChanges = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer())
                .queryParam("entity_type", "lead").queryParam("local_id", lead(3)).queryParam("run_id", run)
                .when().get("/api/v1/crm/sync/logs/").then().statusCode(200).extract().jsonPath().getList("items[0].summary.changes");
        // the sync log line of a lookup field: each id with its name
        assertThat(stageChanges).contains(Map.of("field", "QualifyStatusId", "target", "nia",
                "from", Map.of("id", QUALIFICATION, "name", "Qualification"),
                "to", Map.of("id", DISTRIBUTION, "name", "Distribution")));
        Map<String, String> expected = new TreeMap<>(plannedActions());
        // unchanged since the last sync: a real run plans no command for it at all (the dry run asked Creatio anyway)
        expected.remove("lead:" + lead(4));
        assertThat(done).isEqualTo(expected);

        assertThat(sync.syncState(EntityType.LEAD, lead(4)).orElseThrow().getString("status")).isEqualTo("synced");
        JsonPath stageMovedAndBudgetConflict = sync.syncState(EntityType.LEAD, lead(3)).orElseThrow();
        assertThat(stageMovedAndBudgetConflict.getString("status")).isEqualTo("conflict");
        assertThat(stageMovedAndBudgetConflict.getList("open_fields", String.class)).containsExactly("Budget");
        assertThat(sync.lead(lead(3)).getString("status")).isEqualTo("qualified");
        JsonPath budgetConflict = sync.syncState(EntityType.LEAD, lead(7)).orElseThrow();
        assertThat(budgetConflict.getString("status")).isEqualTo("conflict");
        assertThat(budgetConflict.getList("open_fields", String.class)).containsExactly("Budget");
        assertThat(sync.creatio("Lead", UUID.fromString("4ade0a4a-9aa0-48f6-98fe-b3a21395c825")).orElseThrow()
                .get("FullJobTitle")).isEqualTo("Chief Financial Officer");
        assertThat(sync.find("Lead", "Email", "grace.hopper@cobol-compilers.nia-demo.example")).hasSize(1);
        assertThat(sync.find("Lead", "Email", "riley.ramirez1@globex-industries.example.com")).hasSize(1);
        assertThat(sync.syncState(EntityType.LEAD, lead(1)).orElseThrow().getString("creatio_id"))
                .isEqualTo("0f72ee2b-aea3-46a5-9b54-6c3576fc845e");

        // the first pull cycle brings Creatio's 1,000 leads and 200 contacts: every stage has an NIA status, so the
        // pending conflicts are exactly the README's two budgets, and no lead waits on its stage
        for (EntityType type : List.of(EntityType.LEAD, EntityType.CONTACT)) {
            sync.pullCycle(type, null, WITHIN);
        }
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> inFlight() == 0);
        Map<String, String> pending = new TreeMap<>();
        for (String key : plannedActions().keySet()) {
            String[] typeAndId = key.split(":");
            for (Map<String, Object> c : pendingConflicts("entity_id", typeAndId[1])) {
                pending.merge(key, String.valueOf(c.get("field")), (a, b) -> a + "," + b);
            }
        }
        System.out.println("DemoFixtures: pending conflicts of the fixture records after a pull cycle " + pending);
        assertThat(pending).isEqualTo(Map.of("lead:" + lead(3), "Budget", "lead:" + lead(7), "Budget"));
        assertThat(pendingConflicts("field", "QualifyStatusId")).isEmpty();
    }

    private List<Map<String, Object>> pendingConflicts(String filter, String value) {
        String conflicts = sync.stack.service(ServiceKind.CONFLICT_SERVICE).baseUrl();
        return given().baseUri(conflicts).auth().oauth2(TestTokens.viewer()).queryParam("status", "pending")
                .queryParam(filter, value).queryParam("size", 500).when().get("/api/v1/crm/conflicts/").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    /** Records whose command is with a worker (status {@code in_progress}). */
    private long inFlight() {
        Map<String, Object> byStatus = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when()
                .get("/api/v1/crm/sync/status/").then().statusCode(200).extract().jsonPath().getMap("by_status");
        Object n = byStatus == null ? null : byStatus.get("in_progress");
        return n == null ? 0 : ((Number) n).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flags(Map<String, Object> configuration) {
        return (Map<String, Object>) configuration.get("flags");
    }

    /** The simulator's demo data as the local stack has it (seed 42); this stack's simulator starts empty. */
    private void seedTheSimulatorOnce() {
        if (!sync.find("Lead", "Email", "riley.ramirez1@globex-industries.example.com").isEmpty()) {
            return;
        }
        Map<String, Object> seed = new LinkedHashMap<>();
        // the local stack's sizes: rows depend on every count before them (accounts, contacts, then leads)
        seed.put("leads", 1000);
        seed.put("contacts", 200);
        seed.put("accounts", 100);
        seed.put("activities", 0);
        seed.put("seed", 42);
        given().baseUri(sync.simulator).contentType(ContentType.JSON).body(seed).when().post("/sim/seed").then().statusCode(200);
    }

    private String syncAll(boolean dryRun) {
        String runId = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("dry_run", dryRun)).when().post("/api/v1/crm/sync/sync_all/")
                .then().statusCode(202).extract().path("run_id");
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> "completed".equals(
                given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                        .then().statusCode(200).extract().path("status")));
        return runId;
    }
}
