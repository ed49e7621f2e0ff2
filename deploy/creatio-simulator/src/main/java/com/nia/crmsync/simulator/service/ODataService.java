package com.nia.crmsync.simulator.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

import com.nia.crmsync.simulator.auth.ClientRegistry;
import com.nia.crmsync.simulator.auth.TechnicalUser;
import com.nia.crmsync.simulator.auth.TokenVerifier;
import com.nia.crmsync.simulator.odata.Column;
import com.nia.crmsync.simulator.odata.EntityJson;
import com.nia.crmsync.simulator.odata.EntityModel;
import com.nia.crmsync.simulator.odata.EntityType;
import com.nia.crmsync.simulator.odata.MetadataDocument;
import com.nia.crmsync.simulator.odata.ODataException;
import com.nia.crmsync.simulator.odata.ODataNames;
import com.nia.crmsync.simulator.odata.ODataQuery;
import com.nia.crmsync.simulator.odata.ODataRequest;
import com.nia.crmsync.simulator.odata.ODataResponse;
import com.nia.crmsync.simulator.odata.Values;
import com.nia.crmsync.simulator.store.DataStore;
import com.nia.crmsync.simulator.store.Entity;
import com.nia.crmsync.simulator.store.EntityTable;

/**
 * The OData 4 service: routes a request (top-level or inside {@code $batch}) to the service
 * document, {@code $metadata}, a collection, an entity, a property or {@code $count}, and turns
 * every failure into Creatio's error envelope. Top-level requests first pass fault injection,
 * bearer-token checks, the OData permission of the technical user and the daily quota.
 */
@ApplicationScoped
public class ODataService {

    private static final String HTML_NO_PERMISSION = "<!DOCTYPE html><html><head><title>Access denied</title></head>"
            + "<body><h1>Access denied</h1><p>You do not have permission to perform the \"Access to OData\""
            + " (CanUseODataService) operation.</p></body></html>";
    private static final String HTML_DOWN = "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>"
            + "<body><h1>503 Service Unavailable</h1><p>No server is available to handle this request.</p></body></html>";

    /** Methods whose JSON body is read, and whose column names the request log shows. */
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PATCH", "MERGE", "PUT");

    /** A parsed resource path: entity set, optional key, optional property. */
    private record Target(String set, UUID key, String property, boolean count, boolean rawValue) {
    }

    /**
     * A write's body, parsed once for the write itself and for the request log; a body that is empty or
     * not JSON is refused only when a write needs it, so the method and path are checked first.
     */
    private record WriteBody(JsonNode json, String problem) {

        JsonNode require() {
            if (problem != null) {
                throw ODataException.badRequest(problem);
            }
            return json;
        }

        /** The sorted top-level property names (never values: the log holds no personal data), or null. */
        List<String> columns() {
            if (json == null || !json.isObject()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            json.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            return List.copyOf(names);
        }
    }

    private final EntityModel model;
    private final DataStore store;
    private final QueryService queries;
    private final WriteService writes;
    private final QuirkSettings quirks;
    private final FaultService faults;
    private final CallMetrics metrics;
    private final TokenVerifier verifier;
    private final ClientRegistry clients;
    private final ObjectMapper mapper;
    private final String metadata;

    public ODataService(EntityModel model, DataStore store, QueryService queries, WriteService writes,
            QuirkSettings quirks, FaultService faults, CallMetrics metrics, TokenVerifier verifier,
            ClientRegistry clients, ObjectMapper mapper) {
        this.model = model;
        this.store = store;
        this.queries = queries;
        this.writes = writes;
        this.quirks = quirks;
        this.faults = faults;
        this.metrics = metrics;
        this.verifier = verifier;
        this.clients = clients;
        this.mapper = mapper;
        this.metadata = MetadataDocument.csdl(model);
    }

    /** The endpoint group of a top-level path, for counters and fault rules. */
    public static String groupOf(String path) {
        if (path.equals("$metadata")) {
            return "metadata";
        }
        return path.equals("$batch") ? "batch" : "odata";
    }

    /**
     * Serves a top-level request: faults, authentication, permission, quota, then the request itself.
     * The answer carries the columns a write sent, whatever its outcome, for the request log.
     */
    public ODataResponse serve(ODataRequest request, BatchRunner batch) {
        String group = groupOf(request.path());
        WriteBody body = readBody(request);
        ODataResponse response = serve(request, group, body, batch);
        return body == null ? response : response.withColumns(body.columns());
    }

    private ODataResponse serve(ODataRequest request, String group, WriteBody body, BatchRunner batch) {
        Target target = safeTarget(request.path());
        FaultService.Outcome fault = faults.before(group, request.method(),
                target == null ? null : target.set(), target == null || target.key() == null ? null
                        : target.key().toString());
        if (fault.status != null) {
            return faultResponse(fault);
        }
        TechnicalUser user;
        try {
            user = verifier.verify(request.header("authorization"));
        } catch (TokenVerifier.Unauthorized e) {
            Log.debugf("OData call refused: %s", e.getMessage());
            return ODataResponse.empty(401).with("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        if (!clients.hasODataAccess(user.clientId())) {
            return ODataResponse.text(quirks.noODataPermissionStatus(), "text/html; charset=utf-8", HTML_NO_PERMISSION);
        }
        ODataResponse response;
        if (group.equals("batch")) {
            response = batch.run(request, user);
        } else {
            if (metrics.chargeQuota(1)) {
                return quotaExhausted();
            }
            response = execute(request, body, user);
        }
        FaultService.pause(fault.waitAfterMs);
        return response;
    }

    /** Serves one {@code $batch} sub-request: its own fault rules (group {@code odata}) and one quota call. */
    public SubResult serveInBatch(ODataRequest request, TechnicalUser user) {
        long started = System.nanoTime();
        WriteBody body = readBody(request);
        Target target = safeTarget(request.path());
        FaultService.Outcome fault = faults.before("odata", request.method(),
                target == null ? null : target.set(), target == null || target.key() == null ? null
                        : target.key().toString());
        ODataResponse response;
        if (fault.status != null) {
            response = faultResponse(fault);
        } else if (metrics.chargeQuota(1)) {
            response = quotaExhausted();
        } else {
            response = execute(request, body, user);
        }
        metrics.record("batch-item", request.method(), "$batch:" + request.path(), request.rawQuery(),
                response.status(), (System.nanoTime() - started) / 1_000_000,
                body == null ? null : body.columns());
        return new SubResult(response, fault.waitAfterMs);
    }

    /** A sub-response and how long the batch must wait before answering (commit-then-delay faults). */
    public record SubResult(ODataResponse response, long waitAfterMs) {
    }

    /** Runs a {@code $batch} request; implemented by {@link BatchService}. */
    public interface BatchRunner {
        ODataResponse run(ODataRequest request, TechnicalUser user);
    }

    /** Executes a request, mapping every failure to the error envelope. */
    private ODataResponse execute(ODataRequest request, WriteBody body, TechnicalUser user) {
        try {
            return route(request, body, user);
        } catch (ODataException e) {
            return ODataResponse.error(e);
        } catch (RuntimeException e) {
            Log.errorf(e, "OData request %s %s failed", request.method(), request.path());
            return ODataResponse.error(ODataException.serverError(e.getClass().getSimpleName()));
        }
    }

    /** Routes a request; {@code body} is the parsed body of a write method, null for the others. */
    private ODataResponse route(ODataRequest request, WriteBody body, TechnicalUser user) {
        String path = request.path();
        String method = request.method();
        if (path.isEmpty()) {
            requireMethod(method, "GET");
            return ODataResponse.json(200, MetadataDocument.serviceDocument(model, request.serviceRoot()));
        }
        if (path.equals("$metadata")) {
            requireMethod(method, "GET");
            return ODataResponse.text(200, "application/xml", metadata).with("OData-Version", "4.0");
        }
        if (path.equals("$batch")) {
            throw ODataException.badRequest("A $batch request cannot be nested in a $batch request.");
        }
        Target target = parseTarget(path);
        EntityType type = model.type(target.set());
        if (type == null) {
            if (quirks.unknownEntitySetIs401()) {
                // What a real Creatio answered for /0/odata/InvalidCollection (creatio-api.md §4.4).
                return ODataResponse.empty(401);
            }
            throw ODataException.notFound("No entity set named '" + target.set() + "'.");
        }
        EntityTable table = store.table(type.name());
        if (target.count()) {
            requireMethod(method, "GET");
            ODataQuery query = parseQuery(request, type);
            return ODataResponse.text(200, "text/plain", Long.toString(queries.count(table, query)));
        }
        if (target.key() == null) {
            if (method.equals("GET")) {
                return readCollection(request, type, table);
            }
            if (method.equals("POST")) {
                Entity created = writes.create(type, body.require(), user.contactId());
                String location = request.serviceRoot() + "/" + type.name() + "(" + created.id() + ")";
                return ODataResponse.json(201, EntityJson.single(context(request, type.name() + "/$entity"), type,
                        created, shape(request, null))).with("Location", location);
            }
            throw methodNotAllowed(method);
        }
        if (target.property() != null) {
            requireMethod(method, "GET");
            return readProperty(request, type, target);
        }
        switch (method) {
            case "GET": {
                ODataQuery query = parseQuery(request, type);
                Entity row = table.get(target.key());
                if (row == null) {
                    throw ODataException.notFound("No " + type.name() + " with Id " + target.key() + ".");
                }
                return ODataResponse.json(200, EntityJson.single(context(request, type.name() + "/$entity"), type, row,
                        shape(request, query)));
            }
            case "PATCH":
            case "MERGE":
                writes.update(type, target.key(), body.require(), user.contactId());
                return ODataResponse.empty(204);
            case "DELETE":
                writes.delete(type, target.key());
                return ODataResponse.empty(204);
            default:
                throw methodNotAllowed(method);
        }
    }

    private ODataResponse readCollection(ODataRequest request, EntityType type, EntityTable table) {
        ODataQuery query = parseQuery(request, type);
        QueryService.Page page = queries.read(table, query);
        return ODataResponse.json(200, EntityJson.collection(context(request, type.name()), type, page.rows(),
                page.count(), shape(request, query)));
    }

    private ODataResponse readProperty(ODataRequest request, EntityType type, Target target) {
        Column column = type.column(target.property());
        if (column == null) {
            throw ODataException.badRequest("Could not find a property named '" + target.property() + "' on type '"
                    + ODataNames.qualified(type.name()) + "'.");
        }
        Entity row = store.find(type.name(), target.key());
        if (row == null) {
            throw ODataException.notFound("No " + type.name() + " with Id " + target.key() + ".");
        }
        if (target.rawValue()) {
            return ODataResponse.text(200, "text/plain; charset=utf-8", EntityJson.raw(column, row.get(column.ordinal())));
        }
        String context = context(request, type.name() + "(" + target.key() + ")/" + column.name());
        return ODataResponse.json(200, EntityJson.property(context, column, row.get(column.ordinal()),
                request.ieee754Compatible()));
    }

    private ODataQuery parseQuery(ODataRequest request, EntityType type) {
        return ODataQuery.parse(request.query(), type, model, store::find, quirks.quotedDatetimeIs400(),
                quirks.scalarLookupFilterIs500());
    }

    private EntityJson.Shape shape(ODataRequest request, ODataQuery query) {
        return new EntityJson.Shape(query == null ? null : query.select,
                query == null ? List.of() : query.expand, request.ieee754Compatible(), store::find);
    }

    private static String context(ODataRequest request, String fragment) {
        return request.serviceRoot() + "/$metadata#" + fragment;
    }

    /**
     * Parses the body of a write once; null for reads, deletes, {@code $metadata} and {@code $batch}
     * (whose body is the batch runner's to parse).
     */
    private WriteBody readBody(ODataRequest request) {
        if (!WRITE_METHODS.contains(request.method()) || !groupOf(request.path()).equals("odata")) {
            return null;
        }
        if (request.body() == null || request.body().length == 0) {
            return new WriteBody(null, "The request body is empty.");
        }
        try {
            return new WriteBody(mapper.readTree(request.body()), null);
        } catch (IOException e) {
            return new WriteBody(null, "The request body is not valid JSON: " + e.getMessage());
        }
    }

    private ODataResponse faultResponse(FaultService.Outcome fault) {
        if (fault.down || fault.status == 502 || fault.status == 503 || fault.status == 504) {
            return ODataResponse.text(fault.status, "text/html; charset=utf-8",
                    HTML_DOWN.replace("503 Service Unavailable", fault.status + " " + reason(fault.status)));
        }
        if (fault.status == 429) {
            return ODataResponse.text(429, "text/plain; charset=utf-8", "Too Many Requests")
                    .with("Retry-After", Integer.toString(fault.retryAfterSeconds));
        }
        return ODataResponse.error(new ODataException(fault.status, "An error has occurred.",
                "Injected fault (rule " + fault.ruleId + ")."));
    }

    private ODataResponse quotaExhausted() {
        return ODataResponse.error(new ODataException(metrics.quotaExhaustedStatus(), "An error has occurred.",
                "The daily limit of API calls for this environment has been reached."));
    }

    private static String reason(int status) {
        switch (status) {
            case 502:
                return "Bad Gateway";
            case 504:
                return "Gateway Timeout";
            default:
                return "Service Unavailable";
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw methodNotAllowed(method);
        }
    }

    private static ODataException methodNotAllowed(String method) {
        return new ODataException(405, "The requested resource does not support http method '" + method + "'.", "");
    }

    private Target safeTarget(String path) {
        try {
            return path.isEmpty() || path.startsWith("$") ? null : parseTarget(path);
        } catch (ODataException e) {
            return null;
        }
    }

    /** {@code Set}, {@code Set/$count}, {@code Set(<guid>)}, {@code Set(Id=<guid>)}, {@code Set(<guid>)/Prop[/$value]}. */
    static Target parseTarget(String path) {
        String[] segments = path.split("/");
        String first = segments[0];
        String set = first;
        UUID key = null;
        int open = first.indexOf('(');
        if (open >= 0) {
            if (!first.endsWith(")")) {
                throw ODataException.badRequest("Bad key segment '" + first + "'.");
            }
            set = first.substring(0, open);
            String literal = first.substring(open + 1, first.length() - 1).trim();
            if (literal.startsWith("Id=")) {
                literal = literal.substring(3).trim();
            }
            key = Values.parseGuid(literal);
            if (key == null) {
                throw ODataException.badRequest("The key value '" + literal
                        + "' was not recognized as a valid Edm.Guid literal (Creatio keys are bare GUIDs).");
            }
        }
        if (segments.length == 1) {
            return new Target(set, key, null, false, false);
        }
        if (key == null) {
            if (segments.length == 2 && segments[1].equals("$count")) {
                return new Target(set, null, null, true, false);
            }
            throw ODataException.badRequest("Bad resource path '" + path + "'.");
        }
        boolean raw = segments.length == 3 && segments[2].equals("$value");
        if (segments.length > 3 || segments.length == 3 && !raw) {
            throw ODataException.badRequest("Bad resource path '" + path + "'.");
        }
        return new Target(set, key, segments[1], false, raw);
    }
}
