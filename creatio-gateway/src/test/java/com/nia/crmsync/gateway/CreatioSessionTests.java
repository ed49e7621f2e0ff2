package com.nia.crmsync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.oidc.client.OidcClients;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.auth.CreatioTokens;
import com.nia.crmsync.gateway.auth.TokenEndpointResolver;
import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.gateway.config.GatewayConfig;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.metrics.GatewayMetrics;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.testkit.InjectCreatioSimulator;
import com.nia.crmsync.testkit.TestCreatioSimulator;

/**
 * The OAuth 2.0 session against the simulator's identity service over real HTTP: the token is
 * renewed ahead of expiry and once after a revocation without a failed caller request, a 401 that
 * survives a fresh token is an error and not a loop, a wrong secret costs one token request per
 * back-off step, and an identity outage at start leaves the gateway live until it recovers.
 */
@QuarkusTest
@GatewayInfrastructure
class CreatioSessionTests extends GatewayTestBase {

    @InjectCreatioSimulator
    TestCreatioSimulator simulator;
    @Inject
    CreatioClient creatio;
    @Inject
    GatewayConfig config;
    @Inject
    OidcClients oidcClients;
    @Inject
    TokenEndpointResolver resolver;
    @Inject
    GatewayMetrics metrics;

    @Override
    TestCreatioSimulator simulator() {
        return simulator;
    }

    @Test
    void makesNoTokenRequestBeforeTheFirstCreatioCall() {
        assertThat(sim.tokenRequests(200)).isZero();
        creatio.query(Lane.REALTIME, "Contact", "$select=Id&$top=1");
        assertThat(sim.tokenRequests(200)).isEqualTo(1);
    }

    @Test
    void renewsTheTokenBeforeItExpiresWithoutAFailedCall() {
        // 7-second tokens with the test profile's 5-second renewal margin: due for renewal after 2 s
        sim.tokenLifetime(7);
        creatio.query(Lane.REALTIME, "Contact", "$select=Id&$top=1");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            creatio.query(Lane.REALTIME, "Contact", "$select=Id&$top=1");
            assertThat(sim.tokenRequests(200)).isEqualTo(2);
        });
        assertThat(sim.calls("odata", 401)).isZero();
    }

    @Test
    void renewsOnceAndReplaysOnceAfterARevocationSoTheCallerSeesNoFailure() {
        UUID id = UUID.randomUUID();
        worker(Lane.REALTIME).body(new JsonObject().put("id", id.toString()).put("columns", new JsonObject().put("Name", "Ada Lovelace")).encode())
                .when().post("/internal/v1/entities/contacts").then().statusCode(201);
        sim.revokeAllTokens();
        worker(Lane.REALTIME).when().get("/internal/v1/entities/contacts/" + id + "?select=Name")
                .then().statusCode(200).body("Name", equalTo("Ada Lovelace"));
        assertThat(sim.tokenRequests(200)).isEqualTo(2);
        assertThat(sim.calls("odata", 401)).isEqualTo(1);
    }

    @Test
    void renewsOnceWhenATokenIsRevokedWhileManyCallsAreRunning() throws Exception {
        creatio.query(Lane.REALTIME, "Contact", "$select=Id&$top=1");
        // slow calls, so the revocation lands while many are running
        sim.fault(new JsonObject().put("group", "odata").put("action", "latency").put("minMs", 30).put("maxMs", 60));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (int i = 0; i < 120; i++) {
                pool.submit(() -> {
                    try {
                        creatio.query(Lane.REALTIME, "Contact", "$select=Id&$top=1");
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    } finally {
                        done.incrementAndGet();
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> done.get() >= 40);
            sim.revokeAllTokens();
            await().atMost(Duration.ofSeconds(60)).until(() -> done.get() == 120);
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures.get()).isZero();
        assertThat(sim.tokenRequests(200)).isEqualTo(2);
        assertThat(sim.calls("odata", 401)).isBetween(1L, 6L);
    }

    @Test
    void reportsA401ThatSurvivesAFreshTokenAsAnErrorNotALoop() {
        assertThatThrownBy(() -> creatio.query(Lane.REALTIME, "NoSuchSet", "$top=1"))
                .isInstanceOfSatisfying(CreatioException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CREATIO_UNAUTHORIZED));
        assertThat(sim.calls("odata", 401)).isEqualTo(2);
        assertThat(sim.tokenRequests(200)).isEqualTo(2);
    }

    @Test
    void givesAClearErrorForAWrongSecretAndAsksAtMostOncePerBackOffStep() {
        CreatioTokens wrong = new CreatioTokens(CreatioTokens.Settings.of(config).withSecret("not-the-secret"), oidcClients, resolver, metrics,
                Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(wrong::current).isInstanceOfSatisfying(CreatioException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CREATIO_CREDENTIALS_REJECTED);
                assertThat(e.getMessage()).contains("refused the client id or secret").doesNotContain("not-the-secret");
                assertThat(e.retryAfter()).isPresent();
            });
        }
        assertThat(sim.tokenRequests(400) + sim.tokenRequests(401)).isEqualTo(1);
        // the first back-off step is 300 ms in the test profile: after it, exactly one more request
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThatThrownBy(wrong::current).isInstanceOf(CreatioException.class);
            assertThat(sim.tokenRequests(400) + sim.tokenRequests(401)).isEqualTo(2);
        });
    }

    @Test
    void authenticatesWithClientSecretBasicAtAnExplicitIdentityUrl() {
        CreatioTokens.Settings configured = CreatioTokens.Settings.of(config);
        CreatioTokens basic = new CreatioTokens(new CreatioTokens.Settings(configured.apiUrl(), java.util.Optional.of(simulator.baseUrl()),
                configured.clientId(), configured.clientSecret(), GatewayConfig.ClientAuth.BASIC, configured.renewBefore(),
                configured.requestTimeout(), configured.failureBackoff(), configured.failureBackoffMax()), oidcClients, resolver, metrics,
                Clock.systemUTC());
        assertThat(basic.current()).isNotBlank();
        // the explicit identity URL wins over discovery (which would name /0/connect/token)
        assertThat(sim.requests()).filteredOn(r -> r.getString("path").endsWith("/connect/token"))
                .singleElement().satisfies(r -> {
                    assertThat(r.getString("path")).isEqualTo("/connect/token");
                    assertThat(r.getInteger("status")).isEqualTo(200);
                });
        assertThat(sim.requests()).noneMatch(r -> r.getString("path").contains("well-known"));
    }

    @Test
    void staysLiveWhileTheIdentityServiceIsDownAndRecoversWhenItReturns() {
        sim.fault(new JsonObject().put("group", "identity").put("action", "down"));
        worker(Lane.REALTIME).when().get("/internal/v1/metadata")
                .then().statusCode(503).contentType("application/problem+json").body("code", equalTo("IDENTITY_UNAVAILABLE"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/group/creatio").then().statusCode(503);
        sim.clearFaults();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                worker(Lane.REALTIME).when().get("/internal/v1/metadata").then().statusCode(200));
        given().when().get("/q/health/group/creatio").then().statusCode(200);
        assertThat(worker(Lane.REALTIME).when().get("/internal/v1/metadata").then().extract().as(List.class)).contains("Lead", "Contact");
    }
}
