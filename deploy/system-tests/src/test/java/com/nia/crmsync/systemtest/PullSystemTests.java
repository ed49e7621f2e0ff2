package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 7's acceptance for the way back: Creatio edits and creations reach NIA through the
 * incremental pull (sync-api keeps the watermark and asks, a worker pages through the gateway,
 * sync-api plans the records with the page's values, the worker merges), every record exactly once
 * across page boundaries, equal and 7-digit timestamps and late-visible commits; echoes of our own
 * writes cost nothing; a {@code sync_all} with nothing changed writes nothing.
 *
 * <p>The stack runs without the scheduled pull; each test starts its cycles itself
 * ({@code POST /api/v1/crm/sync/pull/}) from a {@code since} just before its own records, so other
 * tests' records stay out of its pages.
 */
class PullSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    private Map<String, Object> niaLead(String first, String last) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", first);
        f.put("last_name", last);
        f.put("email", (first + "." + last + "." + marker + "@nia.example").toLowerCase(java.util.Locale.ROOT));
        f.put("company", "Pulled " + marker);
        f.put("title", "Engineer");
        f.put("status", "qualified");
        return f;
    }

    private String email(String name) {
        return (name + "." + marker + "@creatio.example").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void aLeadAndAContactEditedOrCreatedInCreatioAppearInNiaAfterOnePull() {
        UUID lead = sync.createLead(niaLead("Hedy", "Lamarr"));
        UUID contact = sync.createContact(Map.of("full_name", "Alan Turing", "email", email("alan.turing.nia"), "job_title", "Fellow"));
        UUID leadInCreatio = SyncPath.creatioIdOf(EntityType.LEAD, lead);
        UUID contactInCreatio = SyncPath.creatioIdOf(EntityType.CONTACT, contact);
        sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);
        sync.awaitStatus(EntityType.CONTACT, contact, "synced", WITHIN);
        Instant since = sync.simulatorNow().minusSeconds(1);

        // salespeople at work in Creatio: two edits, two new records
        sync.userEdits("Lead", leadInCreatio, Map.of("FullJobTitle", "Inventor"));
        sync.userEdits("Contact", contactInCreatio, Map.of("JobTitle", "Codebreaker"));
        UUID newLead = sync.userCreates("Lead", Map.of("Contact", "Grace Hopper", "Email", email("grace.hopper"),
                "Account", "Navy " + marker));
        UUID newContact = sync.userCreates("Contact", Map.of("Name", "Katherine Johnson", "Email", email("katherine.johnson"),
                "JobTitle", "Mathematician"));

        Map<String, Object> leads = sync.pullCycle(EntityType.LEAD, since, WITHIN);
        Map<String, Object> contacts = sync.pullCycle(EntityType.CONTACT, since, WITHIN);
        System.out.printf("OnePull: leads %s; contacts %s%n", leads, contacts);

        await().atMost(WITHIN).until(() -> "Inventor".equals(sync.lead(lead).getString("title")));
        await().atMost(WITHIN).until(() -> "Codebreaker".equals(sync.contact(contact).getString("job_title")));
        List<Map<String, Object>> grace = sync.leadsByEmail(email("grace.hopper"));
        assertThat(grace).as("the Creatio-created lead, in NIA once").singleElement()
                .satisfies(l -> assertThat(l).containsEntry("first_name", "Grace").containsEntry("last_name", "Hopper")
                        .containsEntry("company", "Navy " + marker));
        List<Map<String, Object>> katherine = sync.contactsByEmail(email("katherine.johnson"));
        assertThat(katherine).singleElement().satisfies(c -> assertThat(c).containsEntry("full_name", "Katherine Johnson")
                .containsEntry("job_title", "Mathematician"));
        UUID graceId = UUID.fromString(String.valueOf(grace.get(0).get("id")));
        UUID katherineId = UUID.fromString(String.valueOf(katherine.get(0).get("id")));
        assertThat(sync.awaitStatus(EntityType.LEAD, graceId, "synced", WITHIN).getString("creatio_id"))
                .as("linked to the Creatio record it came from").isEqualTo(newLead.toString());
        assertThat(sync.awaitStatus(EntityType.CONTACT, katherineId, "synced", WITHIN).getString("creatio_id"))
                .isEqualTo(newContact.toString());
        assertThat(sync.find("Lead", "Email", email("grace.hopper"))).as("no copy pushed back to Creatio").hasSize(1);
    }

    @Test
    void withPagesOfTenEveryRecordArrivesExactlyOnceAcrossEqualTimestampsSeventhDigitsAndALateCommit() {
        int pageSize = pullPageSize();
        sync.changeConfiguration(c -> batchSizes(c).put("pull_page_size", 10));
        List<String> emails = new ArrayList<>();
        String late = email("late.commit");
        try {
            Instant base = sync.simulatorNow().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            Instant since = base.minusSeconds(1);
            try {
                // 30 records with one ModifiedOn: three pages of equal timestamps
                sync.setClock(base.plusNanos(123_456_700), true);
                for (int i = 0; i < 30; i++) {
                    String email = email("same" + i);
                    emails.add(email);
                    sync.userCreates("Lead", Map.of("Contact", "Same Stamp" + i, "Email", email, "Account", "Clock " + marker));
                }
                // two ModifiedOn values that differ in the 7th fractional digit only (PostgreSQL keeps 6)
                sync.setClock(base.plusNanos(234_567_100), true);
                emails.add(email("seventh1"));
                sync.userCreates("Lead", Map.of("Contact", "Seventh One", "Email", email("seventh1"), "Account", "Clock " + marker));
                sync.setClock(base.plusNanos(234_567_200), true);
                emails.add(email("seventh2"));
                sync.userCreates("Lead", Map.of("Contact", "Seventh Two", "Email", email("seventh2"), "Account", "Clock " + marker));
                // a slow transaction: stamped now, visible only after the next record and after the first cycle
                sync.setClock(base.plusSeconds(1), true);
                sync.userCreatesSlowly("Lead", Map.of("Contact", "Late Commit", "Email", late, "Account", "Clock " + marker), 25_000);
                sync.setClock(base.plusSeconds(2), true);
                emails.add(email("after.late"));
                sync.userCreates("Lead", Map.of("Contact", "After Late", "Email", email("after.late"), "Account", "Clock " + marker));
            } finally {
                sync.realClock();
            }

            Map<String, Object> before = sync.pullState(EntityType.LEAD);
            Map<String, Object> first = sync.pullCycle(EntityType.LEAD, since, WITHIN);
            assertThat(number(first, "pages") - number(before, "pages")).as("pages of 10").isGreaterThanOrEqualTo(4);
            assertThat(Instant.parse(String.valueOf(first.get("watermark")))).as("past the late record's ModifiedOn")
                    .isAfter(base.plusSeconds(1));
            assertThat(sync.find("Lead", "Email", late)).as("the slow commit is still invisible: the first cycle cannot have read it")
                    .isEmpty();
            await().atMost(WITHIN).until(() -> sync.leadsByEmail(email("after.late")).size() == 1);
            assertThat(sync.leadsByEmail(late)).isEmpty();

            // the late commit becomes visible behind the watermark; the next cycle's overlap reads it
            await().atMost(WITHIN).until(() -> !sync.find("Lead", "Email", late).isEmpty());
            Map<String, Object> second = sync.pullCycle(EntityType.LEAD, null, WITHIN);
            emails.add(late);
            System.out.printf("PageBoundaries: first cycle %s; second cycle %s%n", first, second);
            assertThat(number(second, "echoes_skipped") - number(first, "echoes_skipped"))
                    .as("the overlap re-read the first cycle's records; their hashes absorbed them").isGreaterThanOrEqualTo(30);

            for (String email : emails) {
                await().atMost(WITHIN).until(() -> !sync.leadsByEmail(email).isEmpty());
            }
            for (String email : emails) {
                assertThat(sync.leadsByEmail(email)).as(email + " arrived exactly once").hasSize(1);
                assertThat(sync.find("Lead", "Email", email)).as(email + " was not pushed back as a copy").hasSize(1);
            }
        } finally {
            sync.changeConfiguration(c -> batchSizes(c).put("pull_page_size", pageSize));
        }
    }

    @Test
    void afterAPushTheNextPullWritesNothingOnEitherSide() {
        Instant since = sync.simulatorNow().minusSeconds(1);
        UUID lead = sync.createLead(niaLead("Radia", "Perlman"));
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, lead);
        JsonPath synced = sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);
        long version = sync.lead(lead).getLong("version");
        Instant afterPush = sync.simulatorNow();
        Map<String, Object> before = sync.pullState(EntityType.LEAD);

        Map<String, Object> cycle = sync.pullCycle(EntityType.LEAD, since, WITHIN);

        assertThat(number(cycle, "records_pulled") - number(before, "records_pulled")).as("our push was read back").isPositive();
        assertThat(number(cycle, "echoes_skipped") - number(before, "echoes_skipped")).as("and recognised as our own write")
                .isPositive();
        JsonPath state = sync.syncState(EntityType.LEAD, lead).orElseThrow();
        assertThat(state.getString("status")).isEqualTo("synced");
        assertThat(state.getString("last_synced_at")).as("no command for it").isEqualTo(synced.getString("last_synced_at"));
        assertThat(sync.lead(lead).getLong("version")).as("no write in NIA").isEqualTo(version);
        assertThat(sync.requestsSince(afterPush).stream().filter(r -> isWrite(r) && String.valueOf(r.get("path"))
                .contains(creatioId.toString()))).as("no write in Creatio").isEmpty();
    }

    @Test
    void aSecondSyncAllAndPullWithNothingChangedMakeNoCreatioWriteCall() {
        UUID lead = sync.createLead(niaLead("Barbara", "Liskov"));
        sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);
        syncAllAndSettle();

        Instant before = sync.simulatorNow();
        syncAllAndSettle();
        List<Map<String, Object>> writes = sync.requestsSince(before).stream().filter(PullSystemTests::isWrite).toList();
        System.out.printf("SecondSyncAll: %d Creatio calls, %d writes %s%n", sync.requestsSince(before).size(), writes.size(), writes);
        String creatioId = SyncPath.creatioIdOf(EntityType.LEAD, lead).toString();
        assertThat(writes.stream().filter(w -> String.valueOf(w.get("path")).contains(creatioId))).isEmpty();
        // nothing else either: a lead on a Creatio stage that shares its NIA status with another (Distribution and
        // Handoff to sales are both "qualified") keeps Creatio's stage, and a record left in `conflict` keeps Creatio's value
        // until a person decides
        assertThat(writes).isEmpty();
    }

    /** A sync_all over leads and contacts, its run completed, then a pull cycle of each, and no record's command in flight. */
    private void syncAllAndSettle() {
        String runId = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("entity_types", List.of("lead", "contact"))).when().post("/api/v1/crm/sync/sync_all/")
                .then().statusCode(202).extract().path("run_id");
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> "completed".equals(
                given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                        .then().statusCode(200).extract().path("status")));
        for (EntityType type : List.of(EntityType.LEAD, EntityType.CONTACT)) {
            sync.pullCycle(type, null, Duration.ofMinutes(2));
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> inFlight() == 0);
    }

    /** Records whose command is with a worker (status {@code in_progress}). */
    private long inFlight() {
        Map<String, Object> byStatus = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when()
                .get("/api/v1/crm/sync/status/").then().statusCode(200).extract().jsonPath().getMap("by_status");
        Object n = byStatus == null ? null : byStatus.get("in_progress");
        return n == null ? 0 : ((Number) n).longValue();
    }

    static boolean isWrite(Map<String, Object> request) {
        String method = String.valueOf(request.get("method"));
        String path = String.valueOf(request.get("path"));
        return List.of("POST", "PATCH", "PUT", "MERGE", "DELETE").contains(method) && !path.endsWith("$batch")
                && !"identity".equals(request.get("group"));
    }

    private int pullPageSize() {
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/config").then().statusCode(200)
                .extract().path("configuration.batch_sizes.pull_page_size");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> batchSizes(Map<String, Object> configuration) {
        return (Map<String, Object>) configuration.get("batch_sizes");
    }

    private static long number(Map<String, Object> state, String key) {
        Object n = state.get(key);
        return n == null ? 0 : ((Number) n).longValue();
    }
}
