package com.nia.crmsync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.oidc.client.OidcClients;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.auth.CreatioTokens;
import com.nia.crmsync.gateway.auth.TokenEndpointResolver;
import com.nia.crmsync.gateway.config.GatewayConfig;
import com.nia.crmsync.gateway.metrics.GatewayMetrics;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.testkit.InjectCreatioSimulator;
import com.nia.crmsync.testkit.TestCreatioSimulator;

/**
 * Neither the client secret nor any token the simulator issued appears in an HTTP body the
 * gateway answered (successes, every kind of error, status, metrics) or in the logs of the
 * gateway (the test profile writes them to a file, with the gateway's own categories at DEBUG) and
 * of the simulator. Also checks the Prometheus metrics the gateway exports.
 */
@QuarkusTest
@GatewayInfrastructure
class SecretLeakTests extends GatewayTestBase {

    @InjectCreatioSimulator
    TestCreatioSimulator simulator;
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
    void neverShowsTheSecretOrAnIssuedTokenInBodiesOrLogs() throws IOException {
        List<String> bodies = new ArrayList<>();
        UUID id = UUID.randomUUID();
        bodies.add(worker(Lane.REALTIME).body(new JsonObject().put("id", id.toString()).put("columns", new JsonObject().put("Name", "Leak Check")).encode())
                .when().post("/internal/v1/entities/contacts").then().statusCode(201).extract().asString());
        sim.revokeAllTokens();
        bodies.add(worker(Lane.REALTIME).when().get("/internal/v1/entities/contacts/" + id).then().statusCode(200).extract().asString());
        bodies.add(worker(Lane.REALTIME).body("{\"NoSuchColumn\":1}").when().patch("/internal/v1/entities/contacts/" + id)
                .then().statusCode(400).extract().asString());
        bodies.add(worker(Lane.REALTIME).when().post("/internal/v1/test-connection").then().statusCode(200).extract().asString());
        bodies.add(worker(Lane.REALTIME).when().get("/internal/v1/status").then().statusCode(200).extract().asString());
        CreatioTokens wrong = new CreatioTokens(CreatioTokens.Settings.of(config).withSecret("wrong-" + sim.secret()), oidcClients, resolver,
                metrics, Clock.systemUTC());
        assertThatThrownBy(wrong::current).satisfies(e -> bodies.add(e.getMessage()));
        sim.fault(new JsonObject().put("group", "identity").put("action", "down"));
        tokens.reset();
        bodies.add(worker(Lane.REALTIME).when().get("/internal/v1/entities/contacts/" + id).then().statusCode(503).extract().asString());
        bodies.add(given().when().get("/q/health/group/creatio").then().extract().asString());
        String prometheus = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        bodies.add(prometheus);

        List<String> secrets = new ArrayList<>(sim.issuedTokens());
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(2);
        secrets.add(sim.secret());
        String gatewayLog = Files.readString(Path.of("target/gateway-tests.log"), StandardCharsets.UTF_8);
        assertThat(gatewayLog).contains("Creatio");
        String simulatorLogs = simulatorLogs();
        for (String secret : secrets) {
            assertThat(bodies).noneMatch(body -> body.contains(secret));
            assertThat(gatewayLog).doesNotContain(secret);
            assertThat(simulatorLogs).doesNotContain(secret);
        }
        assertThat(prometheus).contains("creatio_calls_seconds_count", "creatio_token_requests_total", "creatio_quota_used",
                "creatio_budget_queue", "creatio_budget_wait_seconds", "creatio_breaker_state{breaker=\"creatio-batch\"");
    }

    private static String simulatorLogs() throws IOException {
        Path logs = Path.of("target/test-infra/logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
