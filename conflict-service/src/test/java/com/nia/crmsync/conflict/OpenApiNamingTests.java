package com.nia.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.testkit.OpenApiNamingCheck;

/** conflict-service's public JSON is snake_case: every property of every schema of its OpenAPI document. */
@QuarkusTest
@ConflictServiceInfrastructure
class OpenApiNamingTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void namesEveryPropertyOfEveryPublicSchemaInSnakeCase() {
        var result = OpenApiNamingCheck.run(base.toString()).assertSnakeCase();
        assertThat(result.properties()).isGreaterThan(20);
    }

    /** The strategies and types are listed as the API reads them (lower_snake), not as their Java constants. */
    @Test
    void listsEveryEnumByItsWireNames() {
        String doc = io.restassured.RestAssured.given().baseUri(base.toString()).when().get("q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        assertThat(doc).contains("\"local_wins\"").doesNotContain("\"LOCAL_WINS\"");
        assertThat(OpenApiNamingCheck.enums(doc)).isNotEmpty().allSatisfy(values -> assertThat(values).as("an enum of the document")
                .noneMatch(v -> v.matches("[A-Z][A-Z0-9_]*")));
    }
}
