package com.nia.crmsync.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import com.nia.crmsync.client.model.BulkResolution;
import com.nia.crmsync.client.model.BulkResolveRequest;
import com.nia.crmsync.client.model.Conflict;
import com.nia.crmsync.client.model.ConflictDetail;
import com.nia.crmsync.client.model.ConnectionCheck;
import com.nia.crmsync.client.model.DeadLetter;
import com.nia.crmsync.client.model.Page;
import com.nia.crmsync.client.model.PlanPage;
import com.nia.crmsync.client.model.Queries;
import com.nia.crmsync.client.model.ReplayRequest;
import com.nia.crmsync.client.model.ReplayResult;
import com.nia.crmsync.client.model.ResolveRequest;
import com.nia.crmsync.client.model.RetryFailedRequest;
import com.nia.crmsync.client.model.Run;
import com.nia.crmsync.client.model.SyncAllRequest;
import com.nia.crmsync.client.model.SyncLeadRequest;
import com.nia.crmsync.client.model.SyncLogEntry;
import com.nia.crmsync.client.model.SyncRecord;
import com.nia.crmsync.client.model.SyncStatus;
import com.nia.crmsync.client.model.Triggered;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;

/**
 * The typed client of NIA Creatio Sync's public API, for the {@code crm-sync} CLI and any JVM
 * service: one method per operation, over {@code java.net.http} with Jackson (snake_case JSON),
 * through the front router's one base URL. An error status becomes an {@link ApiException} carrying
 * the problem document; no answer at all an {@link ApiUnreachableException}. Thread-safe.
 *
 * <pre>{@code
 * CrmSyncClient api = CrmSyncClient.builder(URI.create("http://127.0.0.1:8080")).token(() -> token).build();
 * Triggered started = api.syncAll(new SyncAllRequest(false, List.of("lead"), true));
 * Run done = api.awaitRun(started.runId(), Duration.ofSeconds(1), run -> { });
 * }</pre>
 */
public final class CrmSyncClient {

    private static final ObjectMapper MAPPER = newMapper();

    private final URI baseUrl;
    private final Supplier<String> token;
    private final Duration timeout;
    private final HttpClient http;
    private final Consumer<JsonNode> answers;

    private CrmSyncClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.token = b.token;
        this.timeout = b.timeout;
        this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.timeout).build();
        this.answers = b.answers;
    }

    /** A client of the API at {@code baseUrl} (the front router, e.g. {@code http://127.0.0.1:8080}). */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** The JSON mapping the client uses (snake_case names, ISO-8601 instants, nulls left out); a copy. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    // ---- syncs and runs

    /** Starts a sync of every record (or a dry run); answered at once with the run to follow. */
    public Triggered syncAll(SyncAllRequest request) {
        return send("POST", "/api/v1/crm/sync/sync_all/", Map.of(), request, type(Triggered.class));
    }

    /** Starts a sync of one lead. */
    public Triggered syncLead(SyncLeadRequest request) {
        return send("POST", "/api/v1/crm/sync/sync-lead/", Map.of(), request, type(Triggered.class));
    }

    /** Re-queues failed records; {@code count} says how many. */
    public Triggered retryFailed(RetryFailedRequest request) {
        return send("POST", "/api/v1/crm/sync/retry-failed/", Map.of(), request, type(Triggered.class));
    }

    /** The runs, newest first. */
    public Page<Run> runs(Queries.Runs query) {
        return send("GET", "/api/v1/crm/sync/runs/", query.parameters(), null, page(Run.class));
    }

    /** One run and its progress. */
    public Run run(UUID runId) {
        return send("GET", "/api/v1/crm/sync/runs/" + runId, Map.of(), null, type(Run.class));
    }

    /** One page (from 0) of a dry run's plan. */
    public PlanPage plan(UUID runId, int page, int size) {
        return send("GET", "/api/v1/crm/sync/runs/" + runId + "/plan", Map.of("page", Integer.toString(page), "size",
                Integer.toString(size)), null, type(PlanPage.class));
    }

    /**
     * Reads the run every {@code pollEvery} until it is finished, handing each reading to
     * {@code progress}; the finished run.
     */
    public Run awaitRun(UUID runId, Duration pollEvery, Consumer<Run> progress) throws InterruptedException {
        while (true) {
            Run run = run(runId);
            progress.accept(run);
            if (run.finished()) {
                return run;
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }

    /** Where the records stand, the runs, failures, conflicts and the quota. */
    public SyncStatus status() {
        return send("GET", "/api/v1/crm/sync/status/", Map.of(), null, type(SyncStatus.class));
    }

    /** Creatio's connection test through the gateway (a failed test is an {@link ApiException} 502). */
    public ConnectionCheck testConnection() {
        return send("POST", "/api/v1/crm/sync/test-connection/", Map.of(), null, type(ConnectionCheck.class));
    }

    /** The sync log, newest first. */
    public Page<SyncLogEntry> logs(Queries.Logs query) {
        return send("GET", "/api/v1/crm/sync/logs/", query.parameters(), null, page(SyncLogEntry.class));
    }

    /** One record's sync state. */
    public SyncRecord record(String entityType, UUID localId) {
        return send("GET", "/api/v1/crm/sync/records/" + encode(entityType) + "/" + localId, Map.of(), null, type(SyncRecord.class));
    }

    // ---- conflicts

    /** The conflicts, by the list's filters. */
    public Page<Conflict> conflicts(Queries.Conflicts query) {
        return send("GET", "/api/v1/crm/conflicts/", query.parameters(), null, page(Conflict.class));
    }

    /** One conflict with the record's other open conflicts. */
    public ConflictDetail conflict(UUID id) {
        JsonNode answer = send("GET", "/api/v1/crm/conflicts/" + id, Map.of(), null, type(JsonNode.class));
        List<Conflict> others = new ArrayList<>();
        answer.path("other_open_conflicts").forEach(c -> others.add(convert(c, type(Conflict.class))));
        return new ConflictDetail(convert(answer, type(Conflict.class)), others);
    }

    /** One decision on one conflict (accepted: the conflict {@code applying}). */
    public Conflict resolve(ResolveRequest request) {
        return send("POST", "/api/v1/crm/sync/resolve-conflict/", Map.of(), request, type(Conflict.class));
    }

    /** One decision for several conflicts, by ids or filter. */
    public BulkResolution bulkResolve(BulkResolveRequest request) {
        return send("POST", "/api/v1/crm/conflicts/bulk-resolve", Map.of(), request, type(BulkResolution.class));
    }

    /** Dismisses a conflict, with an optional comment. */
    public Conflict dismiss(UUID id, String comment) {
        Object body = comment == null ? null : Map.of("comment", comment);
        return send("POST", "/api/v1/crm/conflicts/" + id + "/dismiss", Map.of(), body, type(Conflict.class));
    }

    // ---- configuration

    /** The configuration in force and its version. */
    public ConfigRecord configuration() {
        return send("GET", "/api/v1/crm/config", Map.of(), null, type(ConfigRecord.class));
    }

    /** Replaces the configuration, if {@code version} is still the one in force (else 412); the new record. */
    public ConfigRecord updateConfiguration(CreatioConfiguration configuration, long version) {
        return send("PUT", "/api/v1/crm/config", Map.of("If-Match", "\"" + version + "\""), configuration, type(ConfigRecord.class),
                true);
    }

    // ---- dead letters

    /** The dead letters, newest first. */
    public Page<DeadLetter> deadLetters(Queries.DeadLetters query) {
        return send("GET", "/api/v1/crm/dead-letters", query.parameters(), null, page(DeadLetter.class));
    }

    /** One dead letter with its headers and original value; {@code id} is {@code <partition>:<offset>}. */
    public DeadLetter deadLetter(String id) {
        return send("GET", "/api/v1/crm/dead-letters/" + encode(id), Map.of(), null, type(DeadLetter.class));
    }

    /** Re-publishes dead letters to their origin topics (admins only); one already replayed is skipped. */
    public ReplayResult replay(ReplayRequest request) {
        return send("POST", "/api/v1/crm/dead-letters/replay", Map.of(), request, type(ReplayResult.class));
    }

    // ---- HTTP

    private <T> T send(String method, String path, Map<String, String> query, Object body, JavaType answerType) {
        return send(method, path, query, body, answerType, false);
    }

    private <T> T send(String method, String path, Map<String, String> params, Object body, JavaType answerType, boolean paramsAreHeaders) {
        String query = paramsAreHeaders || params.isEmpty() ? "" : "?" + params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + query)).timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        if (paramsAreHeaders) {
            params.forEach(request::header);
        }
        String bearer = token.get();
        if (bearer != null && !bearer.isBlank()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiUnreachableException("The API at " + baseUrl + " does not answer (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachableException("Interrupted while calling " + baseUrl, e);
        }
        if (response.statusCode() >= 400) {
            throw failure(response);
        }
        JsonNode answer = response.body() == null || response.body().isBlank() ? MAPPER.nullNode() : read(response.body());
        answers.accept(answer);
        return convert(answer, answerType);
    }

    private RuntimeException failure(HttpResponse<String> response) {
        ApiProblem problem = null;
        String body = response.body();
        if (body != null && body.trim().startsWith("{")) {
            try {
                problem = MAPPER.readValue(body, ApiProblem.class);
            } catch (JsonProcessingException notAProblem) {
                problem = null;
            }
        }
        int status = response.statusCode();
        if (problem == null || problem.title() == null) {
            problem = new ApiProblem("about:blank", reason(status), status, problem == null ? null : problem.detail(),
                    response.uri().getPath(), List.of());
        }
        if (status == 502 && "Bad Gateway".equals(problem.title())) {
            // the front router's own answer when no service behind it answered: the API is not there
            return new ApiUnreachableException(ApiException.oneLine(problem), new ApiException(problem));
        }
        return new ApiException(problem);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "HTTP " + status;
        };
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JavaType type(Class<?> type) {
        return MAPPER.getTypeFactory().constructType(type);
    }

    private static JavaType page(Class<?> item) {
        return MAPPER.getTypeFactory().constructParametricType(Page.class, item);
    }

    private static <T> T convert(JsonNode answer, JavaType type) {
        try {
            return MAPPER.readerFor(type).readValue(answer);
        } catch (IOException e) {
            throw new IllegalStateException("Unexpected answer from the API: " + e.getMessage(), e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The API answered something that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    /** Settings of a client. */
    public static final class Builder {

        private final URI baseUrl;
        private Supplier<String> token = () -> null;
        private Duration timeout = Duration.ofSeconds(30);
        private HttpClient http;
        private Consumer<JsonNode> answers = answer -> { };

        private Builder(URI baseUrl) {
            String url = Objects.requireNonNull(baseUrl, "baseUrl").toString();
            this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }

        /** Where the bearer token of each call comes from (asked per call, so a renewed token is used; null: none). */
        public Builder token(Supplier<String> token) {
            this.token = Objects.requireNonNull(token);
            return this;
        }

        /** The connect and request timeout (default 30 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The HTTP client to use (default: a new one). */
        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        /** Hears every successful answer as the API sent it, before it is converted (e.g. to print it unchanged). */
        public Builder onAnswer(Consumer<JsonNode> answers) {
            this.answers = Objects.requireNonNull(answers);
            return this;
        }

        public CrmSyncClient build() {
            return new CrmSyncClient(this);
        }
    }
}
