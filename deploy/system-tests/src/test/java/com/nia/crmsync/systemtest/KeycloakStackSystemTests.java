package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import com.nia.crmsync.infra.FreePorts;
import com.nia.crmsync.infra.KeycloakServer;
import com.nia.crmsync.infra.PostgresServer;
import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceDatabase;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;

/**
 * The local stack's identity provider, Keycloak, with real tokens: the packaged sync-api and
 * gateway admit exactly the roles docs/security.md names; and the gateway's Creatio session works
 * against any standards-compliant OAuth 2.0 server — here Keycloak stands in for Creatio's
 * identity service, the simulator trusting Keycloak's keys — renewing its token before expiry.
 */
class KeycloakStackSystemTests {

    private static Stack stack;

    @BeforeAll
    static void startAStackWithKeycloak() {
        Path dir = Path.of(System.getProperty("nia.system.dir", "target/system-stack")).resolveSibling("keycloak-stack");
        stack = Stack.builder(dir).persistent(false).fixedPorts(false).keycloak(true)
                .services(EnumSet.of(ServiceKind.SYNC_API, ServiceKind.CREATIO_GATEWAY))
                .jvmOption("-XX:TieredStopAtLevel=1")
                .build();
        stack.startInfrastructure();
        stack.startServices(Duration.ofMinutes(4));
        stack.awaitIdentityProvider(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void keycloakTokensOpenSyncApiToAnOperatorAndTheGatewayOnlyToServices() {
        KeycloakServer keycloak = stack.keycloak();
        String operator = keycloak.passwordToken(KeycloakServer.DEMO_USERS.get("operator"),
                stack.secret(KeycloakServer.passwordKey("operator")));
        String worker = keycloak.clientToken("sync-worker", stack.secret(KeycloakServer.secretKey("sync-worker")));
        String syncApi = stack.service(ServiceKind.SYNC_API).baseUrl();
        String gateway = stack.service(ServiceKind.CREATIO_GATEWAY).baseUrl();

        given().baseUri(syncApi).contentType(ContentType.JSON).body("{\"count\":1,\"work_millis\":0}")
                .when().post("/api/v1/crm/sync/pipeline-check").then().statusCode(401);
        given().baseUri(syncApi).auth().oauth2(operator).contentType(ContentType.JSON).body("{\"count\":1,\"work_millis\":0}")
                .when().post("/api/v1/crm/sync/pipeline-check").then().statusCode(202);

        given().baseUri(gateway).auth().oauth2(operator).when().get("/internal/v1/status").then().statusCode(403);
        given().baseUri(gateway).auth().oauth2(worker).when().get("/internal/v1/status").then().statusCode(200);
    }

    @Test
    void theGatewayRenewsItsCreatioTokenFromKeycloakBeforeExpiryWithoutAFailedCall() {
        KeycloakServer keycloak = stack.keycloak();
        String secret = stack.secret(KeycloakServer.secretKey("sync-worker"));
        Path logs = stack.dataDir().resolve("logs");
        List<String> jvm = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        QuarkusService simulator = QuarkusService.of(ServiceKind.CREATIO_SIMULATOR, "simulator-trusting-keycloak", FreePorts.next(), Map.of(
                "SIMULATOR_IDENTITY_CLIENTS", "unused:" + PostgresServer.randomPassword(),
                "SIMULATOR_AUTH_EXTERNAL_ISSUER", keycloak.issuer(),
                "SIMULATOR_AUTH_EXTERNAL_JWKS_URL", keycloak.issuer() + "/protocol/openid-connect/certs",
                "SIMULATOR_SEED_ON_START", "true", "SIMULATOR_SEED_LEADS", "20", "SIMULATOR_SEED_CONTACTS", "5",
                "SIMULATOR_SEED_ACCOUNTS", "5", "SIMULATOR_SEED_ACTIVITIES", "5"), logs, jvm);
        ServiceDatabase db = stack.database(ServiceKind.CREATIO_GATEWAY);
        int gatewayPort = FreePorts.next();
        QuarkusService gateway = null;
        try {
            simulator.start().awaitReady(Duration.ofMinutes(2));
            // Keycloak's tokens live 3600 s here: renewing 3595 s before expiry makes a renewal due within seconds
            gateway = QuarkusService.of(ServiceKind.CREATIO_GATEWAY, "gateway-with-keycloak", gatewayPort, Map.of(
                    "QUARKUS_PROFILE", "prod",
                    "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", db.role(),
                    "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                    "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer(),
                    "CREATIO_API_URL", simulator.baseUrl(),
                    "CREATIO_IDENTITY_URL", keycloak.tokenEndpoint(),
                    "CREATIO_CLIENT_ID", "sync-worker",
                    "CREATIO_CLIENT_SECRET", secret,
                    "CREATIO_TOKEN_RENEW_BEFORE", "3595s"), logs, jvm).start().awaitReady(Duration.ofMinutes(2));
            String caller = keycloak.clientToken("sync-worker", secret);
            String base = gateway.baseUrl();
            List<Integer> statuses = new ArrayList<>();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                statuses.add(given().baseUri(base).auth().oauth2(caller).header("X-Sync-Lane", "realtime")
                        .queryParam("since", "2000-01-01T00:00:00Z").queryParam("top", 5)
                        .when().get("/internal/v1/entities/leads/changes").then().extract().statusCode());
                return tokenRequests(base) >= 2;
            });

            assertThat(statuses).as("every caller request succeeded").containsOnly(200);
            assertThat(tokenRequests(base)).as("the first token, then one renewal").isEqualTo(2);
            String simMetrics = given().baseUri(simulator.baseUrl()).when().get("/sim/metrics").then().statusCode(200).extract().asString();
            assertThat(simMetrics).as("Creatio never saw a stale token").doesNotContain("\"401\"");
        } finally {
            if (gateway != null) {
                gateway.stop();
            }
            simulator.stop();
        }
    }

    /** The gateway's count of token requests, from its Prometheus metrics. */
    private static double tokenRequests(String gatewayBase) {
        String metrics = given().baseUri(gatewayBase).when().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("creatio_token_requests_total")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
