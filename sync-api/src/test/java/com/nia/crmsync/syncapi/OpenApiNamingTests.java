package com.nia.crmsync.syncapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.testkit.OpenApiNamingCheck;

/** sync-api's public JSON is snake_case: every property of every schema of its OpenAPI document. */
@QuarkusTest
@SyncApiInfrastructure
class OpenApiNamingTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void namesEveryPropertyOfEveryPublicSchemaInSnakeCase() {
        var result = OpenApiNamingCheck.run(base.toString()).assertSnakeCase();
        assertThat(result.properties()).isGreaterThan(100);
    }
}
