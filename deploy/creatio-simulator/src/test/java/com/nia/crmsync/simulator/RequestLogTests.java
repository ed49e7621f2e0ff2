package com.nia.crmsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Point 7, the request log's {@code columns}: the names of the top-level properties an OData write
 * carried — plain or inside a JSON or multipart {@code $batch} — so a system test can prove an edit
 * sends only the changed columns; never a value, and nothing for reads, deletes or other groups.
 */
@QuarkusTest
class RequestLogTests {

    private static final String ID_1 = "a0000000-0000-4000-8000-000000000001";
    private static final String EMAIL = "jane.private@example.org";
    private static final String PHONE = "+49 170 5550123";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    private static List<Map<String, Object>> requestLog() {
        return Sim.control().get("/sim/requests").then().statusCode(200).extract().path("$");
    }

    /** The first entry of a group and method; entries are written when the answer has been sent, so wait for it. */
    private static Map<String, Object> logged(String group, String method) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> requestLog().stream()
                .filter(entry -> group.equals(entry.get("group")) && method.equals(entry.get("method")))
                .findFirst(), Optional::isPresent).get();
    }

    private static void assertNoValueLogged() {
        assertThat(Sim.control().get("/sim/requests").then().extract().asString())
                .doesNotContain(EMAIL, "5550123", "Jane", "Multipart");
    }

    private static String createLead() {
        return Sim.control().body(Map.of("LeadName", "Column log")).post("/sim/act/Lead").then().statusCode(201)
                .extract().path("Id");
    }

    @Test
    void logsExactlyTheTwoColumnNamesAPatchCarriedAndNoValue() {
        String id = createLead();

        Sim.odata().body(Map.of("MobilePhone", PHONE, "Email", EMAIL)).patch(Sim.ODATA + "/Lead(" + id + ")")
                .then().statusCode(204);

        assertThat(logged("odata", "PATCH").get("columns")).isEqualTo(List.of("Email", "MobilePhone"));
        assertNoValueLogged();
    }

    @Test
    void logsTheColumnNamesOfAPost() {
        Sim.odata().body(Map.of("LeadName", "Jane Private", "Email", EMAIL, "UsrNiaId", "nia-1"))
                .post(Sim.ODATA + "/Lead").then().statusCode(201);

        assertThat(logged("odata", "POST").get("columns")).isEqualTo(List.of("Email", "LeadName", "UsrNiaId"));
        assertNoValueLogged();
    }

    @Test
    void logsNoColumnsForReadsDeletesAndTheIdentityService() {
        String id = createLead();

        Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(200);
        Sim.odata().delete(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(204);

        Map<String, Object> read = logged("odata", "GET");
        assertThat(read).containsKey("columns");
        assertThat(read.get("columns")).isNull();
        assertThat(logged("odata", "DELETE").get("columns")).isNull();
        assertThat(logged("identity", "POST").get("columns")).isNull();
    }

    @Test
    void logsTheColumnsOfAPatchSubRequestInAJsonBatch() {
        String id = createLead();
        Map<String, Object> patch = Map.of("id", "1", "method", "PATCH", "url", "Lead(" + id + ")",
                "headers", Map.of("Content-Type", "application/json"),
                "body", Map.of("Email", EMAIL, "MobilePhone", PHONE));
        Map<String, Object> read = Map.of("id", "2", "method", "GET", "url", "Lead(" + id + ")?$select=Email");

        Sim.odata().body(Map.of("requests", List.of(patch, read))).post(Sim.ODATA + "/$batch").then()
                .statusCode(200);

        assertThat(logged("batch-item", "PATCH").get("columns")).isEqualTo(List.of("Email", "MobilePhone"));
        assertThat(logged("batch-item", "GET").get("columns")).isNull();
        assertThat(logged("batch", "POST").get("columns")).isNull();
        assertNoValueLogged();
    }

    @Test
    void logsTheColumnsOfPostAndPatchSubRequestsInAMultipartBatch() {
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
                "{\"MobilePhone\":\"" + PHONE + "\",\"Email\":\"" + EMAIL + "\"}",
                "--changeset_1--",
                "--batch_1--",
                "");

        String answer = Sim.odata().contentType("multipart/mixed; boundary=batch_1")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(Sim.ODATA + "/$batch").then().statusCode(200)
                .extract().asString();

        assertThat(answer).contains("HTTP/1.1 201 Created", "HTTP/1.1 204 No Content");
        assertThat(logged("batch-item", "POST").get("columns")).isEqualTo(List.of("Id", "LeadName"));
        assertThat(logged("batch-item", "PATCH").get("columns")).isEqualTo(List.of("Email", "MobilePhone"));
        assertNoValueLogged();
    }
}
