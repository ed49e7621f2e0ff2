package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/** A configuration change is checked against Creatio's $metadata through the gateway before it is stored. */
@QuarkusTest
@SyncApiInfrastructure
class ConfigurationMetadataTests {

    @BeforeEach
    void resetGateway() {
        FakeGateway.reset();
    }

    @Test
    void refusesAnUnknownColumnNamingItsPathAndTheReasonAndStoresNothing() {
        Current current = current();
        Map<String, Object> lead = entity(current.configuration, "Lead");
        int index = entities(current.configuration).indexOf(lead);
        fields(lead).get(3).put("creatio_column", "Foo");
        lead.put("required_fields", List.of("Contact", "Bar"));

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + current.version + "\"").contentType(ContentType.JSON)
                .body(Json.write(current.configuration))
                .when().put("/api/v1/crm/config")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("/configuration/entities/" + index + "/fields/3/creatio_column"))
                .body("errors.find { it.field == '/configuration/entities/" + index + "/fields/3/creatio_column' }.message",
                        equalTo("Lead has no column Foo"))
                .body("errors.field", hasItem("/configuration/entities/" + index + "/required_fields/1"));
        assertThat(current().version).isEqualTo(current.version);
    }

    @Test
    void refusesAnUnknownEntitySet() {
        Current current = current();
        Map<String, Object> contact = entity(current.configuration, "Contact");
        int index = entities(current.configuration).indexOf(contact);
        contact.put("entity_set", "UsrNoSuchThing");
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + current.version + "\"").contentType(ContentType.JSON)
                .body(Json.write(current.configuration))
                .when().put("/api/v1/crm/config")
                .then().statusCode(422)
                .body("errors.find { it.field == '/configuration/entities/" + index + "/entity_set' }.message",
                        equalTo("Creatio has no entity set UsrNoSuchThing"));
    }

    @Test
    void acceptsAColumnCreatioHas() {
        Current current = current();
        Map<String, Object> lead = entity(current.configuration, "Lead");
        lead.put("link_by", Map.of("email_column", "Email", "nia_id_column", "UsrNiaId"));
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + current.version + "\"").contentType(ContentType.JSON)
                .body(Json.write(current.configuration))
                .when().put("/api/v1/crm/config")
                .then().statusCode(200).body("version", equalTo((int) current.version + 1));
    }

    @Test
    void answers503AndSavesNothingWhenTheGatewayCannotBeReached() {
        Current current = current();
        FakeGateway.mode(FakeGateway.Mode.DOWN);
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + current.version + "\"").contentType(ContentType.JSON)
                .body(Json.write(current.configuration))
                .when().put("/api/v1/crm/config")
                .then().statusCode(503).contentType("application/problem+json").body("title", equalTo("Cannot validate against Creatio now"));
        FakeGateway.mode(FakeGateway.Mode.UP);
        assertThat(current().version).isEqualTo(current.version);
    }

    private record Current(long version, Map<String, Object> configuration) {
    }

    private static Current current() {
        ExtractableResponse<Response> r = given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/config").then().statusCode(200).extract();
        return new Current(r.jsonPath().getLong("version"), r.jsonPath().getMap("configuration"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entities(Map<String, Object> configuration) {
        return (List<Map<String, Object>>) configuration.get("entities");
    }

    private static Map<String, Object> entity(Map<String, Object> configuration, String set) {
        return entities(configuration).stream().filter(e -> set.equals(e.get("entity_set"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(Map<String, Object> entity) {
        return (List<Map<String, Object>>) entity.get("fields");
    }
}
