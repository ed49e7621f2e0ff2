package com.nia.crmsync.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The front router under load against an upstream that closes idle keep-alive connections
 * ({@link KeepAliveUpstream}): every answer must be the upstream's own, and an upstream that closes a
 * connection unanswered gets a safe request retried once and a PUT/POST never replayed.
 */
@QuarkusTest
@WithTestResource(KeepAliveUpstream.class)
class FrontRouterLoadTests {

    private static final int REQUESTS = 20_000;
    private static final int CONCURRENCY = 16;
    /** The load comes in rounds; between two, every pooled connection idles past the upstream's deadline. */
    private static final int ROUNDS = 5;
    private static final long LULL_MS = KeepAliveUpstream.IDLE_DEADLINE_MS + 300;
    private static final int[] STATUSES = {200, 201, 204, 400, 404, 409, 412, 500, 502, 503};

    @TestHTTPResource("/")
    URL router;

    @InjectUpstream
    KeepAliveUpstream upstream;

    private Vertx vertx;
    private HttpClient client;

    @BeforeEach
    void client() {
        vertx = Vertx.vertx();
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(router.getHost()).setDefaultPort(router.getPort()),
                new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    }

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void answersTwentyThousandMixedRequestsWithExactlyWhatTheUpstreamAnswered() {
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        int perRound = REQUESTS / ROUNDS;
        Future<Void> load = Future.succeededFuture();
        for (int r = 0; r < ROUNDS; r++) {
            int from = r * perRound;
            load = load.compose(v -> round(from, from + perRound, wrong, answered))
                    .compose(v -> vertx.timer(LULL_MS).mapEmpty());
        }
        load.toCompletionStage().toCompletableFuture().join();

        List<String> firstWrong = new ArrayList<>(wrong).subList(0, Math.min(10, wrong.size()));
        assertThat(wrong).as("%d of %d answers the upstream did not give (%d requests dropped by the upstream as stale), e.g. %s",
                wrong.size(), REQUESTS, upstream.staleDropped(), firstWrong).isEmpty();
        assertThat(answered).hasValue(REQUESTS);
    }

    @Test
    void retriesASafeRequestOnceWhenTheUpstreamClosesTheConnectionUnanswered() {
        given().header(KeepAliveUpstream.REQUEST_ID, "get-closed-once").header(KeepAliveUpstream.CLOSE_FIRST, "true")
                .when().get("/api/v1/leads/42")
                .then().statusCode(200)
                .header(KeepAliveUpstream.MARKER, "get-closed-once")
                .body("request_id", equalTo("get-closed-once"));
        assertThat(upstream.attempts("get-closed-once")).isEqualTo(2);
    }

    @Test
    void neverReplaysAPutOrAPostAndAnswersAProblemInstead() {
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.POST)) {
            String id = method.name().toLowerCase() + "-closed-once";
            given().header(KeepAliveUpstream.REQUEST_ID, id).header(KeepAliveUpstream.CLOSE_FIRST, "true")
                    .contentType("application/json").body("{\"title\":\"Acme\"}")
                    .when().request(method.name(), "/api/v1/leads/42")
                    .then().statusCode(502)
                    .contentType("application/problem+json")
                    .header(KeepAliveUpstream.MARKER, nullValue())
                    .body("status", equalTo(502))
                    .body("title", equalTo("Bad Gateway"))
                    .body("detail", containsString("not replayed"))
                    .body("instance", equalTo("/api/v1/leads/42"));
            assertThat(upstream.attempts(id)).as(method + " reached the upstream once").isEqualTo(1);
        }
    }

    @Test
    void passesTheUpstreamsOwnBadGatewayThroughUnchanged() {
        given().header(KeepAliveUpstream.REQUEST_ID, "upstream-502")
                .when().get("/api/v1/leads/42?status=502")
                .then().statusCode(502)
                .contentType("application/json")
                .header(KeepAliveUpstream.MARKER, "upstream-502")
                .body("request_id", equalTo("upstream-502"));
        assertThat(upstream.attempts("upstream-502")).isEqualTo(1);
    }

    /** Requests {@code from} (inclusive) to {@code to}, {@link #CONCURRENCY} at a time. */
    private Future<Void> round(int from, int to, Queue<String> wrong, AtomicInteger answered) {
        AtomicInteger next = new AtomicInteger(from);
        List<Future<Void>> workers = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            Promise<Void> done = Promise.promise();
            vertx.runOnContext(v -> work(next, to, wrong, answered, done));
            workers.add(done.future());
        }
        return Future.all(workers).mapEmpty();
    }

    private void work(AtomicInteger next, int to, Queue<String> wrong, AtomicInteger answered, Promise<Void> done) {
        int i = next.getAndIncrement();
        if (i >= to) {
            done.complete();
            return;
        }
        send(i, wrong).onComplete(ar -> {
            answered.incrementAndGet();
            work(next, to, wrong, answered, done);
        });
    }

    /** One request: a GET, PUT, POST, DELETE or HEAD asking for one of {@link #STATUSES}; a mismatch lands in {@code wrong}. */
    private Future<Void> send(int i, Queue<String> wrong) {
        HttpMethod method = switch (i % 8) {
            case 0, 1, 2 -> HttpMethod.GET;
            case 3, 4 -> HttpMethod.PUT;
            case 5 -> HttpMethod.POST;
            case 6 -> HttpMethod.DELETE;
            default -> HttpMethod.HEAD;
        };
        int status = STATUSES[(i / 8) % STATUSES.length];
        String id = "load-" + i;
        String path = (i % 5 == 0 ? "/api/v1/crm/conflicts/" : "/api/v1/leads/") + i + "?status=" + status;
        boolean hasBody = method == HttpMethod.PUT || method == HttpMethod.POST;
        Buffer body = Buffer.buffer("{\"title\":\"Lead " + i + "\",\"notes\":\"" + "n".repeat(i % 2_000) + "\"}");
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path).putHeader(KeepAliveUpstream.REQUEST_ID, id);
        return client.request(options)
                .compose(request -> hasBody ? request.putHeader("Content-Type", "application/json").send(body) : request.send())
                .compose(response -> response.body().map(answer -> {
                    boolean bodyMatches = status == 204 || method == HttpMethod.HEAD
                            || answer.toString().equals("{\"request_id\":\"" + id + "\",\"method\":\"" + method
                                    + "\",\"body_length\":" + (hasBody ? body.length() : 0) + "}");
                    if (response.statusCode() != status || !id.equals(response.getHeader(KeepAliveUpstream.MARKER)) || !bodyMatches) {
                        wrong.add(method + " " + path + " (" + id + "): upstream answered " + status + ", client got "
                                + response.statusCode() + " " + response.getHeader("Content-Type") + " " + answer);
                    }
                    return (Void) null;
                }))
                .recover(failure -> {
                    wrong.add(method + " " + path + " (" + id + "): " + failure);
                    return Future.succeededFuture();
                });
    }
}
