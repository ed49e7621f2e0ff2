package com.nia.crmsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import com.nia.crmsync.client.model.Queries;
import com.nia.crmsync.client.model.Run;
import com.nia.crmsync.client.model.SyncAllRequest;
import com.nia.crmsync.client.model.Triggered;

/** The client over loopback HTTP: requests in snake_case with the token of the moment, answers typed, problems as exceptions. */
class CrmSyncClientTests {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile String body = "{}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", e -> {
            requests.add(e.getRequestMethod() + " " + e.getRequestURI() + " " + e.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().add("Content-Type", contentType);
            e.sendResponseHeaders(status, bytes.length);
            e.getResponseBody().write(bytes);
            e.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsSnakeCaseWithTheTokenOfEachCallAndTypesTheAnswer() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<JsonNode> heard = new AtomicReference<>();
        CrmSyncClient api = client().token(() -> "t" + calls.incrementAndGet()).onAnswer(heard::set).build();
        UUID run = UUID.randomUUID();
        body = "{\"run_id\":\"" + run + "\",\"status_url\":\"/api/v1/crm/sync/runs/" + run + "\",\"replayed\":false,\"extra\":1}";

        Triggered t = api.syncAll(new SyncAllRequest(null, List.of("lead"), true));
        api.syncAll(new SyncAllRequest(true, null, null));

        assertThat(t.runId()).isEqualTo(run);
        assertThat(heard.get().path("extra").asInt()).as("the answer as sent, unknown members too").isEqualTo(1);
        assertThat(requests.get(0)).isEqualTo("POST /api/v1/crm/sync/sync_all/ Bearer t1 {\"entity_types\":[\"lead\"],\"dry_run\":true}");
        assertThat(requests.get(1)).startsWith("POST /api/v1/crm/sync/sync_all/ Bearer t2 {\"force\":true}");
    }

    @Test
    void encodesListFilters() {
        body = "{\"items\":[{\"id\":\"" + UUID.randomUUID() + "\",\"kind\":\"sync_all\",\"status\":\"completed\",\"total\":3,\"done\":3}],"
                + "\"page\":0,\"size\":50,\"total\":1}";
        var page = client().build().runs(new Queries.Runs("sync_all", "completed", null, null, null, 5));
        assertThat(page.items()).singleElement().satisfies(r -> assertThat(r.finished()).isTrue());
        assertThat(requests.get(0)).startsWith("GET /api/v1/crm/sync/runs/?kind=sync_all&status=completed&size=5 null");
    }

    @Test
    void anErrorStatusIsAnApiExceptionWithTheProblem() {
        status = 400;
        contentType = "application/problem+json";
        body = "{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"1 problem\",\"errors\":[{\"field\":\"/lead_id\",\"message\":\"is required\"}]}";
        assertThatThrownBy(() -> client().build().run(UUID.randomUUID())).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.problem().errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("/lead_id"));
            assertThat(e.getMessage()).isEqualTo("Invalid request: 1 problem [/lead_id is required]");
        });
    }

    @Test
    void anErrorWithoutAProblemDocumentIsNamedByItsStatus() {
        status = 401;
        contentType = "text/plain";
        body = "";
        assertThatThrownBy(() -> client().build().status()).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.problem().title()).isEqualTo("Unauthorized"));
    }

    @Test
    void theRoutersBadGatewayAndAClosedPortAreUnreachable() throws IOException {
        status = 502;
        contentType = "application/problem+json";
        body = "{\"title\":\"Bad Gateway\",\"status\":502,\"detail\":\"no answer from sync-api\"}";
        assertThatThrownBy(() -> client().build().status()).isInstanceOf(ApiUnreachableException.class)
                .hasMessageContaining("no answer from sync-api");
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> CrmSyncClient.builder(URI.create("http://127.0.0.1:" + closed)).build().run(UUID.randomUUID())).isInstanceOf(ApiUnreachableException.class)
                .hasMessageContaining("does not answer");
    }

    @Test
    void awaitRunReadsUntilTheRunIsFinished() throws InterruptedException {
        UUID id = UUID.randomUUID();
        body = "{\"id\":\"" + id + "\",\"status\":\"completed\",\"total\":2,\"done\":2}";
        List<Run> seen = new CopyOnWriteArrayList<>();
        Run done = client().build().awaitRun(id, Duration.ofMillis(10), seen::add);
        assertThat(done.finished()).isTrue();
        assertThat(seen).hasSize(1);
    }

    private CrmSyncClient.Builder client() {
        return CrmSyncClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }
}
