package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.OpenApiNamingCheck;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/**
 * What every record kind gets from the one generic declaration ({@code RecordResource}): each write
 * validates its body and refuses readers, each list validates its page size, each change is audited
 * under the kind's own action, and the OpenAPI document states each operation's roles.
 */
@QuarkusTest
@SyncApiInfrastructure
class RecordResourceTests {

    @InjectPostgres
    TestPostgres postgres;

    @ParameterizedTest
    @ValueSource(strings = {"leads", "contacts"})
    void validatesTheBodyOfEveryWriteAndThePageSize(String kind) {
        String path = "/api/v1/" + kind;
        String bad = "{\"email\":\"not-an-email\"}";
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(bad)
                .when().post(path)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("/email"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(bad)
                .when().put(path + "/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("/email"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("null")
                .when().post(path)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).queryParam("size", 501)
                .when().get(path)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("/size"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"leads", "contacts"})
    void refusesEveryWriteToAnonymousCallersAndViewers(String kind) {
        String path = "/api/v1/" + kind;
        String id = "/" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{}").when().post(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{}").when().post(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{}").when().put(path + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).when().delete(path + id).then().statusCode(403);
        given().when().get(path + id).then().statusCode(401);
    }

    /** The document lists the enum values the API reads (lower_snake), not the Java constants it would refuse. */
    @Test
    void theOpenApiDocumentListsEveryEnumByItsWireNames() {
        String doc = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        JsonPath json = JsonPath.from(doc);
        assertThat(json.getList("components.schemas.EntityType.enum", String.class)).contains("lead", "contact", "activity_participant");
        assertThat(doc).contains("\"local_wins\"").doesNotContain("\"LOCAL_WINS\"");
        List<List<String>> enums = OpenApiNamingCheck.enums(doc);
        assertThat(enums).hasSizeGreaterThan(5).allSatisfy(values -> assertThat(values).as("an enum of the document")
                .noneMatch(v -> v.matches("[A-Z][A-Z0-9_]*")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"leads", "contacts"})
    void statesEachOperationsRolesAndAnswersInTheOpenApiDocument(String kind) {
        JsonPath doc = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        String collection = "paths.'/api/v1/" + kind + "'";
        String one = "paths.'/api/v1/" + kind + "/{id}'";
        for (String operation : List.of(collection + ".post", one + ".put", one + ".delete")) {
            assertThat(doc.getList(operation + ".security[0].bearer", String.class)).as(operation).containsExactly("operator", "admin");
            assertThat(doc.getMap(operation + ".responses")).as(operation).containsKeys("401", "403");
        }
        for (String operation : List.of(collection + ".post", one + ".put")) {
            assertThat(doc.getMap(operation + ".responses")).as(operation).containsKey("400");
            assertThat(doc.getString(operation + ".requestBody.content.'application/json'.schema.$ref"))
                    .isEqualTo("#/components/schemas/" + (kind.equals("leads") ? "LeadInput" : "ContactInput"));
        }
        String view = kind.equals("leads") ? "LeadView" : "ContactView";
        assertThat(doc.getString(collection + ".get.responses.'200'.content.'application/json'.schema.$ref"))
                .isEqualTo("#/components/schemas/PageView" + view);
        for (String operation : List.of(collection + ".get", one + ".get")) {
            assertThat(doc.getList(operation + ".security[0].bearer", String.class)).as(operation)
                    .containsExactly("viewer", "operator", "admin");
        }
        assertThat(doc.getList(collection + ".get.parameters.name", String.class)).as("list filters")
                .isEqualTo(kind.equals("leads") ? List.of("email", "include_deleted", "page", "q", "size", "status")
                        : List.of("email", "include_deleted", "page", "q", "size"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"leads", "contacts"})
    void auditsEveryChangeUnderTheKindsOwnAction(String kind) throws Exception {
        String noun = kind.substring(0, kind.length() - 1);
        String email = noun + "-" + UUID.randomUUID() + "@example.com";
        String body = kind.equals("leads") ? "{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + email + "\"}"
                : "{\"full_name\":\"Ada Lovelace\",\"email\":\"" + email + "\"}";
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/" + kind).then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/" + kind + "/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.operator()).when().delete("/api/v1/" + kind + "/" + id).then().statusCode(204);
        try (Connection c = postgres.connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT action FROM audit_entry WHERE target = '" + noun + "/" + id
                        + "' ORDER BY id")) {
            List<String> actions = new ArrayList<>();
            while (rs.next()) {
                actions.add(rs.getString("action"));
            }
            assertThat(actions).containsExactly(noun + ".create", noun + ".update", noun + ".delete");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qualified", "nurturing"})
    void listsLeadsByTheirStatusFilter(String status) {
        String email = "status-" + UUID.randomUUID() + "@example.com";
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"last_name\":\"Filter\",\"email\":\"" + email + "\",\"status\":\"" + status + "\"}")
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.viewer()).queryParam("email", email).queryParam("status", status)
                .when().get("/api/v1/leads")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id));
        given().auth().oauth2(TestTokens.viewer()).queryParam("email", email).queryParam("status", "converted")
                .when().get("/api/v1/leads")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
