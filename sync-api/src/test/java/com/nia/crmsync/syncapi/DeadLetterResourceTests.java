package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/**
 * The dead-letter endpoints over the real broker: roles, validation, paging newest first with the filters
 * applied, one dead letter whole, and a replay to the origin topic through the outbox (original key, value and
 * headers, the replay attempt counted up) that is recorded, audited, and skipped the second time.
 */
@QuarkusTest
@SyncApiInfrastructure
class DeadLetterResourceTests {

    private static final String DEAD_LETTERS = "/api/v1/crm/dead-letters";

    @InjectKafka
    TestKafka kafka;

    @InjectPostgres
    TestPostgres postgres;

    /** Each test's dead letters carry a reason of their own, so other tests' letters never count. */
    private final String marker = "poison-" + UUID.randomUUID();
    private final List<String> keys = new ArrayList<>();

    @BeforeEach
    void deadLetter() {
        for (int i = 0; i < 3; i++) {
            String key = "lead:" + UUID.randomUUID();
            keys.add(key);
            kafka.send(Topics.DEAD_LETTERS, key, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"sync.command\",\"n\":" + i + "}",
                    Map.of(DeadLetterHeaders.REASON, "retries exhausted: " + marker,
                            DeadLetterHeaders.ORIGIN_TOPIC, Topics.COMMANDS_REALTIME,
                            DeadLetterHeaders.ORIGIN_PARTITION, "0",
                            DeadLetterHeaders.ORIGIN_OFFSET, Integer.toString(40 + i),
                            DeadLetterHeaders.EXCEPTION_CLASS, "java.lang.IllegalStateException",
                            DeadLetterHeaders.DEAD_LETTER_ATTEMPT, "1",
                            "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        }
    }

    private JsonPath list(String token, String query) {
        return given().auth().oauth2(token).when().get(DEAD_LETTERS + "?reason=" + marker + query)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void listsOnlyForOperatorsAndAdminsAndReplaysOnlyForAdmins() {
        given().when().get(DEAD_LETTERS).then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).when().get(DEAD_LETTERS).then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).when().get(DEAD_LETTERS + "/0:0").then().statusCode(403);
        assertThat(list(TestTokens.operator(), "").getList("items")).hasSize(3);
        assertThat(list(TestTokens.admin(), "").getList("items")).hasSize(3);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("reason", marker))
                .when().post(DEAD_LETTERS + "/replay").then().statusCode(403);
    }

    @Test
    void pagesTheFilteredDeadLettersNewestFirstFromPageZero() {
        JsonPath first = list(TestTokens.operator(), "&topic=" + Topics.COMMANDS_REALTIME + "&size=2");
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(first.getLong("total")).isEqualTo(3);
        assertThat(first.getList("items.key", String.class)).hasSize(2);
        JsonPath second = list(TestTokens.operator(), "&topic=" + Topics.COMMANDS_REALTIME + "&size=2&page=1");
        assertThat(second.getList("items.key", String.class)).hasSize(1);
        List<String> all = new ArrayList<>(first.getList("items.key", String.class));
        all.addAll(second.getList("items.key", String.class));
        assertThat(all).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(first.getString("items[0].dead_lettered_at").compareTo(second.getString("items[0].dead_lettered_at")))
                .isGreaterThanOrEqualTo(0);
        // the same request answers the same page
        assertThat(list(TestTokens.operator(), "&topic=" + Topics.COMMANDS_REALTIME + "&size=2").getList("items.id"))
                .isEqualTo(first.getList("items.id"));

        Map<String, Object> item = first.getMap("items[0]");
        assertThat(item).containsEntry("origin_topic", Topics.COMMANDS_REALTIME).containsEntry("origin_partition", 0)
                .containsEntry("exception_class", "java.lang.IllegalStateException").containsEntry("event_type", "sync.command")
                .containsEntry("attempt", 1).containsEntry("replayed_at", null).containsEntry("cause", null);
        assertThat((String) item.get("id")).isEqualTo(item.get("partition") + ":" + item.get("offset"));
        assertThat((String) item.get("reason")).contains(marker);

        assertThat(list(TestTokens.operator(), "&topic=crm.sync.results.v1").getList("items")).isEmpty();
        assertThat(list(TestTokens.operator(), "&since=2999-01-01T00:00:00Z").getLong("total")).isZero();
    }

    @Test
    void refusesABadFilterOrIdWithAProblemNamingIt() {
        given().auth().oauth2(TestTokens.operator()).when().get(DEAD_LETTERS + "?since=yesterday&page=-1&size=9999")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("since", "page", "size"));
        given().auth().oauth2(TestTokens.operator()).when().get(DEAD_LETTERS + "/seventeen")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("id"));
        given().auth().oauth2(TestTokens.operator()).when().get(DEAD_LETTERS + "/0:999999999")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}")
                .when().post(DEAD_LETTERS + "/replay")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("/"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("ids", List.of("0:1", "x")))
                .when().post(DEAD_LETTERS + "/replay")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("/ids/1"));
    }

    @Test
    void showsOneDeadLetterWithItsHeadersAndItsValue() {
        String id = list(TestTokens.operator(), "&size=1").getString("items[0].id");

        JsonPath shown = given().auth().oauth2(TestTokens.operator()).when().get(DEAD_LETTERS + "/" + id)
                .then().statusCode(200).extract().jsonPath();

        assertThat(shown.getString("id")).isEqualTo(id);
        assertThat(shown.getString("headers.traceparent")).startsWith("00-");
        assertThat(shown.getString("headers.'dead-letter-reason'")).contains(marker);
        assertThat(shown.getString("value.type")).isEqualTo("sync.command");
        assertThat(shown.getString("value_encoding")).isNull();
    }

    @Test
    void replaysToTheOriginTopicOnceWithKeyValueAndHeadersAndTheAttemptCountedUpAndAuditsIt() throws Exception {
        String id = list(TestTokens.operator(), "&size=1").getString("items[0].id");
        String key = list(TestTokens.operator(), "&size=1").getString("items[0].key");
        String correlationId = "replay-" + UUID.randomUUID();

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("ids", List.of(id), "dry_run", true))
                .when().post(DEAD_LETTERS + "/replay")
                .then().statusCode(200).body("dry_run", equalTo(true)).body("replayed.id", contains(id)).body("skipped", empty());
        given().auth().oauth2(TestTokens.admin()).header("X-Correlation-Id", correlationId).contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(id)))
                .when().post(DEAD_LETTERS + "/replay")
                .then().statusCode(200).body("dry_run", equalTo(false)).body("replayed.id", contains(id))
                .body("replayed[0].origin_topic", equalTo(Topics.COMMANDS_REALTIME)).body("replayed[0].key", equalTo(key))
                .body("skipped", empty());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("ids", List.of(id)))
                .when().post(DEAD_LETTERS + "/replay")
                .then().statusCode(200).body("replayed", empty()).body("skipped.id", contains(id))
                .body("skipped[0].reason", equalTo("already replayed"));

        List<ConsumerRecord<String, String>> replayed = kafka.readUntil(Topics.COMMANDS_REALTIME,
                rs -> rs.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(30)).stream()
                .filter(r -> key.equals(r.key())).toList();
        assertThat(replayed).hasSize(1);
        ConsumerRecord<String, String> record = replayed.get(0);
        assertThat(record.value()).startsWith("{\"eventId\"").contains("\"type\":\"sync.command\"");
        assertThat(TestKafka.header(record, DeadLetterHeaders.REPLAY_ATTEMPT)).isEqualTo("1");
        assertThat(TestKafka.header(record, "traceparent")).startsWith("00-");
        assertThat(record.headers().lastHeader(DeadLetterHeaders.REASON)).isNull();
        assertThat(record.headers().lastHeader(DeadLetterHeaders.DEAD_LETTER_ATTEMPT)).isNull();
        given().auth().oauth2(TestTokens.operator()).when().get(DEAD_LETTERS + "/" + id)
                .then().statusCode(200).body("replayed_at", notNullValue());

        try (Connection c = postgres.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT a.actor, a.action, a.target, a.after_state::text, r.replayed_by,"
                        + " r.replay_attempt FROM audit_entry a JOIN dead_letter_replay r ON r.correlation_id = a.correlation_id"
                        + " WHERE a.correlation_id = '" + correlationId + "'")) {
            assertThat(rs.next()).as("the replay, audited").isTrue();
            assertThat(rs.getString("action")).isEqualTo("dead_letter.replay");
            assertThat(rs.getString("target")).isEqualTo("dead-letters");
            assertThat(rs.getString("after_state")).contains(id);
            assertThat(rs.getString("replayed_by")).isEqualTo(rs.getString("actor"));
            assertThat(rs.getInt("replay_attempt")).isEqualTo(1);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void describesTheDeadLetterOperationsAndTheRunsListWithTheirRolesInTheOpenApiDocument() {
        JsonPath doc = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();

        for (String op : List.of("paths.'/api/v1/crm/dead-letters'.get", "paths.'/api/v1/crm/dead-letters/{id}'.get",
                "paths.'/api/v1/crm/dead-letters/replay'.post", "paths.'/api/v1/crm/sync/runs'.get")) {
            assertThat(doc.getString(op + ".summary")).as(op).isNotBlank();
            assertThat(doc.getString(op + ".description")).as(op).isNotBlank();
        }
        assertThat(doc.getList("paths.'/api/v1/crm/dead-letters/replay'.post.security.bearer.flatten()", String.class))
                .containsExactly("admin");
        assertThat(doc.getList("paths.'/api/v1/crm/dead-letters'.get.parameters.name", String.class))
                .contains("topic", "reason", "since", "page", "size");
        assertThat(doc.getList("paths.'/api/v1/crm/sync/runs'.get.parameters.description", String.class)).doesNotContainNull();
        assertThat(doc.getList("paths.'/api/v1/crm/sync/runs'.get.parameters.name", String.class)).contains("kind", "status");
    }

    @Test
    void aFilterThatMatchesNothingIsAnEmptyAnswer() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", "nothing-" + UUID.randomUUID()))
                .when().post(DEAD_LETTERS + "/replay")
                .then().statusCode(200).body("replayed", empty()).body("skipped", hasSize(0)).body("dry_run", equalTo(false));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", marker, "dry_run", true))
                .when().post(DEAD_LETTERS + "/replay")
                .then().statusCode(200).body("replayed", hasSize(3)).body("skipped", empty());
        assertThat(list(TestTokens.operator(), "").getList("items.replayed_at")).containsOnlyNulls();
    }
}
