package com.nia.crmsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Point 5: JSON {@code $batch} — at most 100 sub-requests, stop at the first failure unless
 * {@code Prefer: continue-on-error}, atomicity groups all or nothing, every sub-request one API
 * call, and fault rules that match an entity set and ids inside a batch.
 */
@QuarkusTest
class BatchResourceTests {

    private static final String ID_1 = "a0000000-0000-4000-8000-000000000001";
    private static final String ID_2 = "a0000000-0000-4000-8000-000000000002";
    private static final String ID_3 = "a0000000-0000-4000-8000-000000000003";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    private static Map<String, Object> create(String id, String requestId, String group) {
        Map<String, Object> request = new HashMap<>();
        request.put("id", requestId);
        request.put("method", "POST");
        request.put("url", "Lead");
        request.put("headers", Map.of("Content-Type", "application/json"));
        request.put("body", Map.of("Id", id, "LeadName", "Lead " + requestId));
        if (group != null) {
            request.put("atomicityGroup", group);
        }
        return request;
    }

    private static Map<String, Object> patch(String id, String requestId, Map<String, Object> body, String group) {
        Map<String, Object> request = new HashMap<>(create(id, requestId, group));
        request.put("method", "PATCH");
        request.put("url", "Lead(" + id + ")");
        request.put("body", body);
        return request;
    }

    private static ValidatableResponse batch(List<Map<String, Object>> requests, boolean continueOnError) {
        var spec = Sim.odata().body(Map.of("requests", requests));
        if (continueOnError) {
            spec.header("Prefer", "continue-on-error");
        }
        return spec.post(Sim.ODATA + "/$batch").then().statusCode(200);
    }

    private static int leads() {
        return Integer.parseInt(Sim.odata().get(Sim.ODATA + "/Lead/$count").then().extract().asString());
    }

    @Test
    void runsMixedSubRequestsAndAnswersEachLikeATopLevelRequest() {
        Map<String, Object> read = Map.of("id", "3", "method", "GET", "url", "Lead(" + ID_1 + ")?$select=LeadName");
        Map<String, Object> delete = Map.of("id", "4", "method", "DELETE", "url", "/0/odata/Lead(" + ID_2 + ")");

        batch(List.of(create(ID_1, "1", null), create(ID_2, "2", null), read, delete), false)
                .body("responses", hasSize(4))
                .body("responses[0].status", equalTo(201))
                .body("responses[0].headers.location", containsString("Lead(" + ID_1 + ")"))
                .body("responses[0].body.Id", equalTo(ID_1))
                .body("responses[2].status", equalTo(200))
                .body("responses[2].body.LeadName", equalTo("Lead 1"))
                .body("responses[3].status", equalTo(204));

        assertThat(leads()).isEqualTo(1);
    }

    @Test
    void refusesAnOverLongValueInsideABatchLikeATopLevelWrite() {
        batch(List.of(create(ID_1, "1", null), patch(ID_1, "2", Map.of("LeadName", "n".repeat(501)), null),
                create(ID_3, "3", null)), true)
                .body("responses.status", org.hamcrest.Matchers.contains(201, 500, 201))
                .body("responses[1].body.error.innererror.message",
                        containsString("would be truncated in table 'dbo.Lead', column 'LeadName'"));

        Sim.odata().get(Sim.ODATA + "/Lead(" + ID_1 + ")").then().body("LeadName", equalTo("Lead 1"));
    }

    @Test
    void rejectsMoreThan100SubRequests() {
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            requests.add(Map.of("id", Integer.toString(i), "method", "GET", "url", "Lead/$count"));
        }

        Sim.odata().body(Map.of("requests", requests)).post(Sim.ODATA + "/$batch").then().statusCode(400)
                .body("error.innererror.message", containsString("100"));
        batch(requests.subList(0, 100), false).body("responses", hasSize(100));
    }

    @Test
    void stopsAtTheFirstFailureByDefault() {
        batch(List.of(create(ID_1, "1", null), create(ID_1, "2", null), create(ID_3, "3", null)), false)
                .body("responses", hasSize(2))
                .body("responses[1].status", equalTo(500));

        assertThat(leads()).isEqualTo(1);
    }

    @Test
    void continuesAfterAFailureWhenThePreferHeaderAsks() {
        batch(List.of(create(ID_1, "1", null), create(ID_1, "2", null), create(ID_3, "3", null)), true)
                .body("responses", hasSize(3))
                .body("responses.status", org.hamcrest.Matchers.contains(201, 500, 201));

        assertThat(leads()).isEqualTo(2);
    }

    @Test
    void rollsBackAWholeAtomicityGroupWhenOneOfItsRequestsFails() {
        batch(List.of(create(ID_1, "1", "g1"), create(ID_2, "2", "g1"),
                patch(ID_1, "3", Map.of("QualifyStatusId", "not-a-guid"), "g1")), true)
                .body("responses.status", org.hamcrest.Matchers.contains(424, 424, 400))
                .body("responses[0].atomicityGroup", matchesPattern("[0-9a-f-]{36}"))
                .body("responses[0].atomicityGroup", not(equalTo("g1")));

        assertThat(leads()).isZero();
    }

    @Test
    void commitsASuccessfulAtomicityGroup() {
        batch(List.of(create(ID_1, "1", "g1"), create(ID_2, "2", "g1")), false)
                .body("responses.status", org.hamcrest.Matchers.contains(201, 201));

        assertThat(leads()).isEqualTo(2);
    }

    @Test
    void countsEachSubRequestAsOneApiCall() {
        Sim.control().body(Map.of("used", 0)).put("/sim/quota").then().statusCode(200);

        batch(List.of(create(ID_1, "1", null), create(ID_2, "2", null), create(ID_3, "3", null)), false);

        Sim.control().get("/sim/quota").then().body("used", equalTo(3));
        // The HTTP-level counter is written when the response has been sent, so it may trail the answer.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> Sim.control().get("/sim/metrics").then()
                .body("calls.batch.'200'", equalTo(1))
                .body("calls.'batch-item'.'201'", equalTo(3)));
    }

    @Test
    void appliesFaultRulesMatchingAnEntitySetAndIdsInsideABatch() {
        Sim.fault(Map.of("group", "odata", "entitySet", "Lead", "ids", List.of(ID_2), "action", "error",
                "status", 503));

        batch(List.of(create(ID_1, "1", null), patch(ID_2, "2", Map.of("LeadName", "x"), null),
                patch(ID_1, "3", Map.of("LeadName", "y"), null)), true)
                .body("responses.status", org.hamcrest.Matchers.contains(201, 503, 204));
    }

    @Test
    void speaksTheMultipartFormatWithChangeSets() {
        String body = String.join("\r\n",
                "--batch_1",
                "Content-Type: multipart/mixed; boundary=changeset_1",
                "",
                "--changeset_1",
                "Content-Type: application/http",
                "Content-Transfer-Encoding: binary",
                "Content-ID: 1",
                "",
                "POST Lead HTTP/1.1",
                "Content-Type: application/json",
                "",
                "{\"Id\":\"" + ID_1 + "\",\"LeadName\":\"Multipart\"}",
                "--changeset_1",
                "Content-Type: application/http",
                "Content-Transfer-Encoding: binary",
                "Content-ID: 2",
                "",
                "PATCH Lead(" + ID_1 + ") HTTP/1.1",
                "Content-Type: application/json",
                "",
                "{\"Email\":\"multi@part.test\"}",
                "--changeset_1--",
                "--batch_1",
                "Content-Type: application/http",
                "Content-Transfer-Encoding: binary",
                "",
                "GET Lead(" + ID_1 + ")?$select=Email HTTP/1.1",
                "Accept: application/json",
                "",
                "",
                "--batch_1--",
                "");

        String answer = Sim.odata().contentType("multipart/mixed; boundary=batch_1").body(body.getBytes(StandardCharsets.UTF_8))
                .post(Sim.ODATA + "/$batch").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("multipart/mixed; boundary=batchresponse_"))
                .extract().asString();

        assertThat(answer).contains("HTTP/1.1 201 Created", "HTTP/1.1 204 No Content", "HTTP/1.1 200 OK",
                "multi@part.test", "changesetresponse_");
        assertThat(leads()).isEqualTo(1);
    }
}
