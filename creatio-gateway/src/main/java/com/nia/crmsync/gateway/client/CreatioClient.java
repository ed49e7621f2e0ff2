package com.nia.crmsync.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.budget.BudgetExhaustedException;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.CreatioTransientException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.model.command.Lane;

/**
 * The only way into Creatio's OData API: every operation passes the call budget, the OAuth
 * session and SmallRye Fault Tolerance — a timeout per attempt, retries with exponential back-off
 * and jitter for transient failures (every operation here is idempotent: reads, PATCH, DELETE,
 * creates always carry their {@code Id}, batches are built only from such items), and one circuit
 * breaker per operation (get, query, create, update, delete, batch, metadata). Limits are the
 * {@code quarkus.fault-tolerance.*} keys of {@code application.properties}. A create that fails
 * or times out is checked with a GET by its {@code Id} before it is reported failed or retried:
 * found means created.
 */
@ApplicationScoped
@Timeout(value = 90, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 3, delay = 500, jitter = 250, retryOn = CreatioTransientException.class, abortOn = BudgetExhaustedException.class)
@ExponentialBackoff(factor = 2, maxDelay = 10_000)
public class CreatioClient {

    /** Breaker of single-record reads. */
    public static final String GETS = "creatio-get";
    /** Breaker of collection reads (pages, many ids, lookups). */
    public static final String QUERIES = "creatio-query";
    /** Breaker of creates. */
    public static final String CREATES = "creatio-create";
    /** Breaker of updates. */
    public static final String UPDATES = "creatio-update";
    /** Breaker of deletes. */
    public static final String DELETES = "creatio-delete";
    /** Breaker of {@code $batch} requests. */
    public static final String BATCHES = "creatio-batch";
    /** Breaker of {@code $metadata} reads. */
    public static final String METADATA = "creatio-metadata";
    /** Every breaker name (SmallRye gives each method its own breaker, so one per operation). */
    public static final List<String> BREAKERS = List.of(GETS, QUERIES, CREATES, UPDATES, DELETES, BATCHES, METADATA);

    /** A create's outcome: the entity as Creatio holds it, and whether it was found by a read after a failed answer. */
    public record Created(JsonObject entity, boolean verifiedByRead) {
    }

    private final ODataTransport transport;

    public CreatioClient(ODataTransport transport) {
        this.transport = transport;
    }

    /** One entity by its {@code Id}, with only the selected columns (all when empty); empty if Creatio has none. */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = { CreatioTransientException.class, TimeoutException.class })
    @CircuitBreakerName(GETS)
    public Optional<JsonObject> get(Lane lane, String set, UUID id, List<String> select) {
        return read(lane, set, id, select);
    }

    /** A collection read: {@code set?query} (the query already encoded, see {@link ODataUrls}); the answer's JSON. */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = { CreatioTransientException.class, TimeoutException.class })
    @CircuitBreakerName(QUERIES)
    public JsonObject query(Lane lane, String set, String query) {
        ODataResponse response = transport.exchange("query", lane, HttpMethod.GET, query.isEmpty() ? set : set + "?" + query, null,
                Map.of(), 1);
        if (response.status() == 404) {
            throw ODataErrors.of(404, response.contentType(), response.body(), null);
        }
        return response.json();
    }

    /** Creates a record with the caller's {@code Id}; a failure is checked by reading that {@code Id} back. */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = { CreatioTransientException.class, TimeoutException.class })
    @CircuitBreakerName(CREATES)
    public Created create(Lane lane, String set, UUID id, JsonObject columns) {
        JsonObject body = columns.copy().put("Id", id.toString());
        try {
            ODataResponse response = transport.exchange("create", lane, HttpMethod.POST, set, body.encode(), Map.of(), 1);
            return new Created(response.json(), false);
        } catch (CreatioException failure) {
            if (!failure.isTransient() && failure.code() != ErrorCode.CREATIO_CONFLICT) {
                throw failure;
            }
            Optional<JsonObject> existing = readBack(lane, set, id);
            if (existing.isPresent()) {
                Log.infof("Create of %s(%s) answered %s, but the record exists: reported created", set, id, failure.code());
                return new Created(existing.get(), true);
            }
            throw failure;
        }
    }

    /** PATCHes only the given columns; false if Creatio has no such record. */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = { CreatioTransientException.class, TimeoutException.class })
    @CircuitBreakerName(UPDATES)
    public boolean update(Lane lane, String set, UUID id, JsonObject columns) {
        return transport.exchange("update", lane, HttpMethod.PATCH, ODataUrls.entity(set, id), columns.encode(), Map.of(), 1).status() != 404;
    }

    /** Deletes a record; false if Creatio had none. */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = { CreatioTransientException.class, TimeoutException.class })
    @CircuitBreakerName(DELETES)
    public boolean delete(Lane lane, String set, UUID id) {
        return transport.exchange("delete", lane, HttpMethod.DELETE, ODataUrls.entity(set, id), null, Map.of(), 1).status() != 404;
    }

    /**
     * One JSON {@code $batch} of at most 100 sub-requests with {@code Prefer: continue-on-error};
     * each sub-request is one quota call. Returns Creatio's {@code responses}.
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = { CreatioTransientException.class, TimeoutException.class })
    @CircuitBreakerName(BATCHES)
    public JsonArray batch(Lane lane, JsonArray requests) {
        ODataResponse response = transport.exchange("batch", lane, HttpMethod.POST, "$batch", new JsonObject().put("requests", requests).encode(),
                Map.of("Prefer", "continue-on-error"), requests.size());
        JsonArray responses = response.json().getJsonArray("responses");
        return responses == null ? new JsonArray() : responses;
    }

    /** The CSDL document ({@code $metadata}, XML). */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = { CreatioTransientException.class, TimeoutException.class })
    @CircuitBreakerName(METADATA)
    public String metadata(Lane lane) {
        ODataResponse response = transport.exchange("metadata", lane, HttpMethod.GET, "$metadata", null, Map.of("Accept", "application/xml"), 1);
        if (response.status() == 404) {
            throw ODataErrors.of(404, response.contentType(), response.body(), null);
        }
        return response.body();
    }

    private Optional<JsonObject> read(Lane lane, String set, UUID id, List<String> select) {
        String path = ODataUrls.entity(set, id);
        if (select != null && !select.isEmpty()) {
            path = path + "?$select=" + ODataUrls.encode(String.join(",", select));
        }
        ODataResponse response = transport.exchange("get", lane, HttpMethod.GET, path, null, Map.of(), 1);
        return response.status() == 404 ? Optional.empty() : Optional.of(response.json());
    }

    private Optional<JsonObject> readBack(Lane lane, String set, UUID id) {
        try {
            return read(lane, set, id, List.of());
        } catch (RuntimeException unknown) {
            // the check itself failed: the create's own failure is what the caller must see
            return Optional.empty();
        }
    }
}
