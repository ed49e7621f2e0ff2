package com.nia.crmsync.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Point 7, the control API: reset, deterministic seeding, acting as a Creatio user, a controllable
 * clock, commits that become visible after their {@code ModifiedOn}, call counters, the request
 * log and the quota.
 */
@QuarkusTest
class ControlResourceTests {

    private static final String SUPERVISOR = "410006e1-ca4e-4502-a9ec-e54d922d2c00";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    private static List<String> leadIds() {
        return Sim.odata().queryParam("$select", "Id").queryParam("$orderby", "Id")
                .get(Sim.ODATA + "/Lead").then().statusCode(200).extract().path("value.Id");
    }

    @Test
    void seedsTheSameRowsForTheSameSeedValue() {
        Sim.seed(50, 10, 5, 20);
        List<String> first = leadIds();
        Map<String, Object> lead = Sim.odata().get(Sim.ODATA + "/Lead(" + first.get(0) + ")").then()
                .extract().path("$");
        Sim.reset();
        Sim.seed(50, 10, 5, 20);

        assertThat(leadIds()).hasSize(50).isEqualTo(first);
        assertThat(lead.get("Email").toString()).matches("[a-z.']+\\d+@[a-z-]+\\.example\\.com");
        assertThat(lead.get("LeadName").toString()).contains(" ");
        Sim.control().get("/sim/stats").then().statusCode(200)
                .body("rows.Lead", equalTo(50)).body("rows.Activity", equalTo(20)).body("rows.Account", equalTo(5))
                .body("rows.ActivityParticipant", equalTo(40));
    }

    @Test
    void resetsToTheBaselineData() {
        Sim.seed(10, 0, 0, 0);

        Sim.reset();

        assertThat(leadIds()).isEmpty();
        Sim.odata().get(Sim.ODATA + "/Contact(" + SUPERVISOR + ")").then().statusCode(200);
    }

    @Test
    void actsAsACreatioUserCreatingEditingAndDeleting() {
        String id = Sim.control().body(Map.of("LeadName", "Made in the UI")).post("/sim/act/Lead").then()
                .statusCode(201).body("CreatedById", equalTo(SUPERVISOR)).extract().path("Id");
        Sim.control().body(Map.of("Email", "ui@example.org")).patch("/sim/act/Lead/" + id).then()
                .statusCode(200).body("ModifiedById", equalTo(SUPERVISOR));
        Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().body("Email", equalTo("ui@example.org"));

        Sim.control().delete("/sim/act/Lead/" + id).then().statusCode(204);

        Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(404);
        Sim.control().body(Map.of("Title", "no dates")).post("/sim/act/Activity").then().statusCode(400)
                .body("error.message", equalTo("The request is invalid."));
    }

    @Test
    void setsFreezesAndAdvancesTheClock() {
        Sim.control().body(Map.of("now", "2030-06-01T00:00:00Z", "frozen", true)).put("/sim/clock")
                .then().statusCode(200).body("now", equalTo("2030-06-01T00:00:00Z")).body("frozen", equalTo(true));
        given().queryParam("seconds", 90).post("/sim/clock/advance").then()
                .body("now", equalTo("2030-06-01T00:01:30Z"));

        Sim.control().body(Map.of("LeadName", "Future")).post("/sim/act/Lead").then()
                .body("ModifiedOn", equalTo("2030-06-01T00:01:30Z"));

        String now = given().delete("/sim/clock").then().body("frozen", equalTo(false)).extract().path("now");
        assertThat(Instant.parse(now)).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                10, java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void makesACommitVisibleLaterThanItsModifiedOn() {
        Map<String, String> row = Sim.control().queryParam("commitDelayMs", 3000)
                .body(Map.of("LeadName", "Slow transaction")).post("/sim/act/Lead").then().statusCode(201)
                .extract().path("$");
        String id = row.get("Id");
        Instant stamped = Instant.parse(row.get("ModifiedOn"));

        Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(404);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(200));

        assertThat(Instant.now()).isAfter(stamped.plusMillis(2500));
        Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().body("ModifiedOn", equalTo(row.get("ModifiedOn")));
    }

    @Test
    void countsCallsPerGroupAndStatusAndLogsRecentRequests() {
        String token = Sim.token();
        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(200);
        Sim.odata(token).get(Sim.ODATA + "/Nope(").then().statusCode(400);
        given().get(Sim.ODATA + "/Lead").then().statusCode(401);
        Sim.odata(token).get(Sim.ODATA + "/$metadata").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> Sim.control().get("/sim/metrics").then()
                .body("calls.identity.'200'", equalTo(1))
                .body("calls.odata.'200'", equalTo(1))
                .body("calls.odata.'400'", equalTo(1))
                .body("calls.odata.'401'", equalTo(1))
                .body("calls.metadata.'200'", equalTo(1))
                .body("inFlight", equalTo(0)));
        Sim.control().queryParam("limit", 10).get("/sim/requests").then().statusCode(200)
                .body("path", hasItem(Sim.ODATA + "/Lead"))
                .body("status", hasItem(401))
                .body("method", hasItem("POST"));
    }

    @Test
    void countsTheDailyQuotaAndCanEnforceIt() {
        Sim.odata().get(Sim.ODATA + "/Lead").then().statusCode(200);
        Sim.control().get("/sim/quota").then().body("used", equalTo(1)).body("limit", equalTo(10000));

        Sim.control().body(Map.of("limit", 5, "used", 5)).put("/sim/quota").then().statusCode(200);
        Sim.odata().get(Sim.ODATA + "/Lead").then().statusCode(200);

        Sim.control().body(Map.of("enforce", true)).put("/sim/quota").then().statusCode(200);
        Sim.odata().get(Sim.ODATA + "/Lead").then().statusCode(429)
                .body("error.innererror.message", org.hamcrest.Matchers.containsString("daily limit"));
    }

    @Test
    void startsAFreshQuotaAtMidnightUtcOfTheSimulatorClock() {
        Sim.control().body(Map.of("now", "2030-06-01T23:59:00Z", "frozen", true)).put("/sim/clock")
                .then().statusCode(200);
        String token = Sim.token();
        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(200);
        Sim.control().get("/sim/quota").then().body("used", equalTo(1));

        given().queryParam("seconds", 120).post("/sim/clock/advance").then().statusCode(200);

        Sim.control().get("/sim/quota").then().body("used", equalTo(0)).body("day", equalTo("2030-06-02"));
    }
}
