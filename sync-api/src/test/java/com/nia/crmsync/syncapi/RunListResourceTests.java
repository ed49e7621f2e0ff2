package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/** The list of runs: newest first, in pages, filtered by kind, status and time; a bad filter is a 400 naming it. */
@QuarkusTest
@SyncApiInfrastructure
class RunListResourceTests {

    private static final String RUNS = "/api/v1/crm/sync/runs";
    private static final AtomicInteger WINDOWS = new AtomicInteger();

    @InjectPostgres
    TestPostgres postgres;

    /** A day of its own, far ahead, per test: runs of other tests never fall into its window. */
    private final Instant base = Instant.parse("2033-01-01T00:00:00Z").plus(Duration.ofDays(WINDOWS.incrementAndGet()));
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void writeRuns() throws Exception {
        String[] kinds = {"sync_all", "sync_lead", "sync_all", "retry_failed", "sync_all"};
        String[] statuses = {"completed", "failed", "completed", "completed", "running"};
        try (Connection c = postgres.connect(); PreparedStatement st = c.prepareStatement("INSERT INTO sync_run"
                + " (id, kind, status, requested_by, total, done, created_at) VALUES (?, ?, ?, 'otto.operator', 10, ?, ?)")) {
            for (int i = 0; i < kinds.length; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id.toString());
                st.setObject(1, id);
                st.setString(2, kinds[i]);
                st.setString(3, statuses[i]);
                st.setInt(4, "running".equals(statuses[i]) ? 3 : 10);
                st.setTimestamp(5, Timestamp.from(base.plusSeconds(60L * i)));
                st.executeUpdate();
            }
        }
    }

    @Test
    void listsRunsNewestFirstInPages() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("since", base.toString()).queryParam("until", base.plusSeconds(600).toString())
                .queryParam("size", 2)
                .when().get(RUNS)
                .then().statusCode(200).body("total", equalTo(5)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.id", contains(ids.get(4), ids.get(3)))
                .body("items[0].kind", equalTo("sync_all")).body("items[0].status", equalTo("running"))
                .body("items[0].requested_by", equalTo("otto.operator")).body("items[0].progress_percent", equalTo(30))
                .body("items[0].created_at", equalTo(base.plusSeconds(240).toString()));
        given().auth().oauth2(TestTokens.viewer()).queryParam("since", base.toString()).queryParam("until", base.plusSeconds(600).toString())
                .queryParam("size", 2).queryParam("page", 1)
                .when().get(RUNS + "/")
                .then().statusCode(200).body("items.id", contains(ids.get(2), ids.get(1)));
        given().auth().oauth2(TestTokens.viewer()).queryParam("since", base.toString()).queryParam("until", base.plusSeconds(600).toString())
                .queryParam("size", 2).queryParam("page", 2)
                .when().get(RUNS)
                .then().statusCode(200).body("items.id", contains(ids.get(0)));
    }

    @Test
    void filtersByKindStatusAndTime() {
        String since = base.toString();
        String until = base.plusSeconds(600).toString();
        given().auth().oauth2(TestTokens.viewer()).queryParam("since", since).queryParam("until", until).queryParam("kind", "sync_all")
                .when().get(RUNS)
                .then().statusCode(200).body("total", equalTo(3)).body("items.id", contains(ids.get(4), ids.get(2), ids.get(0)));
        given().auth().oauth2(TestTokens.operator()).queryParam("since", since).queryParam("until", until).queryParam("kind", "sync_all")
                .queryParam("status", "completed")
                .when().get(RUNS)
                .then().statusCode(200).body("items.id", contains(ids.get(2), ids.get(0)));
        given().auth().oauth2(TestTokens.admin()).queryParam("since", since).queryParam("until", until).queryParam("status", "failed")
                .when().get(RUNS)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].kind", equalTo("sync_lead"));
        // since inclusive, until exclusive
        given().auth().oauth2(TestTokens.viewer()).queryParam("since", base.plusSeconds(60).toString())
                .queryParam("until", base.plusSeconds(180).toString())
                .when().get(RUNS)
                .then().statusCode(200).body("items.id", contains(ids.get(2), ids.get(1)));
    }

    @Test
    void refusesABadFilterWithAProblemNamingEachParameter() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("kind", "dragon").queryParam("status", "open")
                .queryParam("since", "yesterday").queryParam("size", 0)
                .when().get(RUNS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("kind", "status", "since", "size"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("since", base.plusSeconds(60).toString()).queryParam("until", base.toString())
                .when().get(RUNS)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("until"));
    }

    @Test
    void refusesAnAnonymousCaller() {
        given().when().get(RUNS).then().statusCode(401);
    }
}
