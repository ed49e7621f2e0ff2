package com.nia.crmsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The OpenAPI naming walker finds camelCase names wherever a schema can hide them, and passes a snake_case document. */
class OpenApiNamingCheckTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsCamelCaseNamesInComponentsAndInlineRequestAndResponseSchemas() throws Exception {
        JsonNode document = JSON.readTree("""
                {"paths": {"/runs": {"post": {
                    "requestBody": {"content": {"application/json": {"schema": {"type": "object",
                        "properties": {"runKind": {"type": "string"}}}}}},
                    "responses": {"200": {"content": {"application/json": {"schema": {"type": "array",
                        "items": {"type": "object", "properties": {"ok": {"type": "object",
                            "properties": {"nested_ok": {"type": "string"}, "deepName": {"type": "string"}}}}}}}}}}}}},
                 "components": {"schemas": {"RunView": {"type": "object", "properties": {
                    "run_id": {"type": "string"}, "updatedAt": {"type": "string"},
                    "counts": {"type": "object", "additionalProperties": {"type": "object",
                        "properties": {"perKind": {"type": "integer"}}}}}},
                    "Both": {"allOf": [{"properties": {"handledBy": {"type": "array"}}}]}}}}
                """);

        var result = OpenApiNamingCheck.walk(document);

        assertThat(result.offenders()).extracting(o -> o.substring(0, o.indexOf(' ')))
                .containsExactlyInAnyOrder("runKind", "deepName", "updatedAt", "perKind", "handledBy");
        assertThat(result.offenders()).anySatisfy(o -> assertThat(o).isEqualTo("updatedAt at /components/schemas/RunView/properties"));
        assertThatThrownBy(result::assertSnakeCase).isInstanceOf(AssertionError.class).hasMessageContaining("5 property name(s)")
                .hasMessageContaining("runKind");
    }

    @Test
    void passesASnakeCaseDocumentAndIgnoresExamples() throws Exception {
        JsonNode document = JSON.readTree("""
                {"components": {"schemas": {"RunView": {"type": "object", "properties": {
                    "run_id": {"type": "string"}, "started_at_2": {"type": "string"}},
                    "example": {"properties": {"notASchema": 1}}}}}}
                """);

        assertThat(OpenApiNamingCheck.walk(document).assertSnakeCase().properties()).isEqualTo(2);
    }

    @Test
    void refusesADocumentWithNothingToCheck() throws Exception {
        assertThatThrownBy(() -> OpenApiNamingCheck.walk(JSON.readTree("{\"paths\": {}}")).assertSnakeCase())
                .isInstanceOf(AssertionError.class).hasMessageContaining("no schema property");
    }
}
