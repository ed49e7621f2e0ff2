package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import com.nia.crmsync.infra.KeycloakServer;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;

/**
 * The identity path as the local stack runs it, with real Keycloak tokens: the packaged sync-api
 * refuses an anonymous call and admits an operator's token from Keycloak; the packaged gateway's
 * internal API refuses a person's operator token and admits a service's client-credentials token.
 */
class KeycloakStackSystemTests {

    @Test
    void keycloakTokensOpenSyncApiToAnOperatorAndTheGatewayOnlyToServices() {
        Path dir = Path.of(System.getProperty("nia.system.dir", "target/system-stack")).resolveSibling("keycloak-stack");
        try (Stack stack = Stack.builder(dir).persistent(false).fixedPorts(false).keycloak(true)
                .services(EnumSet.of(ServiceKind.SYNC_API, ServiceKind.CREATIO_GATEWAY))
                .jvmOption("-XX:TieredStopAtLevel=1")
                .build()) {
            stack.startInfrastructure();
            stack.startServices(Duration.ofMinutes(4));
            stack.awaitIdentityProvider(Duration.ofMinutes(4));
            KeycloakServer keycloak = stack.keycloak();
            String operator = keycloak.passwordToken(KeycloakServer.DEMO_USERS.get("operator"),
                    stack.secret(KeycloakServer.passwordKey("operator")));
            String worker = keycloak.clientToken("sync-worker", stack.secret(KeycloakServer.secretKey("sync-worker")));
            String syncApi = stack.service(ServiceKind.SYNC_API).baseUrl();
            String gateway = stack.service(ServiceKind.CREATIO_GATEWAY).baseUrl();

            given().baseUri(syncApi).contentType(ContentType.JSON).body("{\"count\":1,\"workMillis\":0}")
                    .when().post("/api/v1/crm/sync/pipeline-check").then().statusCode(401);
            given().baseUri(syncApi).auth().oauth2(operator).contentType(ContentType.JSON).body("{\"count\":1,\"workMillis\":0}")
                    .when().post("/api/v1/crm/sync/pipeline-check").then().statusCode(202);

            given().baseUri(gateway).auth().oauth2(operator).when().get("/internal/v1/status").then().statusCode(403);
            given().baseUri(gateway).auth().oauth2(worker).when().get("/internal/v1/status").then().statusCode(200);
        }
    }
}
