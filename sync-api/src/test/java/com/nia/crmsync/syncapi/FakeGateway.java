package com.nia.crmsync.syncapi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

import com.nia.crmsync.model.gateway.LookupNames;
import com.nia.crmsync.model.gateway.LookupNamesRequest;
import com.nia.crmsync.web.security.Roles;

/**
 * A stand-in for creatio-gateway's read-only internal API, served by the test application itself
 * (the gateway client's URL points here, see {@link GatewayClientResource}). Like the real one it
 * admits only {@code sync-service} tokens, so a passing call proves the client sent a signed
 * client-credentials token. Tests set its answers through the static methods and
 * {@link #reset()} them.
 */
@Path("/fake-gateway/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SYNC_SERVICE)
public class FakeGateway {

    /** How the fake answers. */
    public enum Mode {
        /** Normal answers. */
        UP,
        /** Every call answered 503 CREATIO_UNAVAILABLE (problem+json). */
        FAILING,
        /** The connection is closed without an answer (as if the gateway were gone). */
        DOWN
    }

    private static volatile Mode mode = Mode.UP;
    private static volatile boolean connectionOk = true;
    private static volatile long quotaUsed = 1234;
    private static volatile String lastCaller;
    private static volatile java.util.UUID integrationUserContact;
    private static final Map<String, Map<String, String>> SETS = new ConcurrentHashMap<>();
    /** The activity categories the fake's lookup knows, by lower-case name. */
    public static final java.util.UUID MEETING_CATEGORY = java.util.UUID.fromString("42c74c49-58e6-df11-971b-001d60e938c6");
    public static final java.util.UUID TODO_CATEGORY = java.util.UUID.fromString("f51c4643-58e6-df11-971b-001d60e938c6");
    /** The lead stages the fake's names know (Creatio's QualifyStatus rows), by id. */
    private static final Map<String, String> STAGES = Map.of("d790a45d-03ff-4ddb-9dea-8087722c582c", "Qualification",
            "ceb70b3c-985f-4867-ae7c-88f9dd710688", "Handoff to sales", "14cfc644-e3ed-497e-8279-ed4319bb8093", "Distribution");
    /** The contacts' names the fake knows (Creatio's Contact rows), by id; none by default. */
    private static final Map<String, String> CONTACTS = new ConcurrentHashMap<>();
    private static final Map<String, java.util.UUID> CATEGORIES = Map.of("meeting", MEETING_CATEGORY, "to do", TODO_CATEGORY);

    static {
        reset();
    }

    private final SecurityIdentity identity;

    public FakeGateway(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Default answers: up, connection fine, quota 1234 of 10000 used, Lead (with a custom UsrNiaId) and Contact with the default mapping's columns. */
    public static void reset() {
        mode = Mode.UP;
        connectionOk = true;
        quotaUsed = 1234;
        lastCaller = null;
        integrationUserContact = null;
        CONTACTS.clear();
        SETS.clear();
        SETS.put("Lead", columns("Id", "Contact", "Email", "MobilePhone", "Account", "FullJobTitle", "QualifyStatusId", "Budget",
                "Commentary", "MeetingDate", "UsrNiaId", "ModifiedOn", "CreatedOn"));
        SETS.put("Contact", columns("Id", "Name", "GivenName", "Surname", "Email", "MobilePhone", "JobTitle", "ModifiedOn", "CreatedOn"));
        SETS.put("Activity", columns("Id", "Title", "StartDate", "DueDate", "StatusId", "PriorityId", "Notes", "LeadId", "ContactId",
                "OwnerId", "ActivityCategoryId", "TypeId", "ModifiedOn", "CreatedOn"));
        SETS.put("ActivityParticipant", columns("Id", "ActivityId", "ParticipantId", "RoleId", "ModifiedOn", "CreatedOn"));
    }

    public static void mode(Mode value) {
        mode = value;
    }

    public static void connectionOk(boolean value) {
        connectionOk = value;
    }

    public static void quotaUsed(long value) {
        quotaUsed = value;
    }

    /** The integration user's contact the fake names; null (the default): it cannot name one (404). */
    public static void integrationUserContact(java.util.UUID contact) {
        integrationUserContact = contact;
    }

    /** A Creatio contact whose display name the fake's lookup names know. */
    public static void contactName(java.util.UUID contact, String name) {
        CONTACTS.put(contact.toString(), name);
    }

    /** Adds or replaces an entity set's columns. */
    public static void entitySet(String set, String... columns) {
        SETS.put(set, columns(columns));
    }

    /** The principal of the last call that reached the fake. */
    public static String lastCaller() {
        return lastCaller;
    }

    private static Map<String, String> columns(String... names) {
        Map<String, String> map = new TreeMap<>();
        for (String n : names) {
            map.put(n, n.endsWith("Id") ? "Edm.Guid" : "Edm.String");
        }
        return map;
    }

    @GET
    @Path("/status")
    public CompletionStage<Response> status(@Context HttpServerRequest request) {
        return answer(request, () -> Map.of("service", "creatio-gateway", "status", "UP", "caller", lastCaller, "at", Instant.now().toString(),
                "creatio", Map.of("apiUrl", "http://creatio.internal.example", "quota", Map.of("day", LocalDate.now().toString(), "used", quotaUsed,
                        "dailyQuota", 10000, "bulkStopsAt", 8000, "realtimeStopsAt", 9500, "remaining", 10000 - quotaUsed))));
    }

    @POST
    @Path("/test-connection")
    public CompletionStage<Response> testConnection(@Context HttpServerRequest request) {
        return answer(request, () -> connectionOk
                ? Map.of("ok", true, "apiUrl", "http://creatio.internal.example", "authenticated", true, "authMillis", 12, "readMillis", 34,
                        "code", "OK", "message", "token issued and one read answered", "at", Instant.now().toString())
                : Map.of("ok", false, "apiUrl", "http://creatio.internal.example", "authenticated", false, "authMillis", 5,
                        "code", "CREATIO_CREDENTIALS_REJECTED", "message", "Creatio's identity service rejected the client credentials",
                        "at", Instant.now().toString()));
    }

    @GET
    @Path("/metadata/{set}")
    public CompletionStage<Response> columns(@PathParam("set") String set, @Context HttpServerRequest request) {
        if (mode == Mode.UP && !SETS.containsKey(set)) {
            return CompletableFuture.completedFuture(Response.status(400).type("application/problem+json").entity(Map.of("type",
                    "about:blank", "title", "Invalid request", "status", 400, "detail", "unknown entity set " + set, "code", "INVALID_REQUEST"))
                    .build());
        }
        return answer(request, () -> Map.of("set", set, "columns", SETS.get(set), "navigationProperties", List.of()));
    }

    @GET
    @Path("/lookups/{lookup}")
    public CompletionStage<Response> lookup(@PathParam("lookup") String lookup, @jakarta.ws.rs.QueryParam("name") String name,
            @Context HttpServerRequest request) {
        java.util.UUID id = "ActivityCategory".equals(lookup) && name != null ? CATEGORIES.get(name.toLowerCase(java.util.Locale.ROOT)) : null;
        if (mode == Mode.UP && id == null) {
            return CompletableFuture.completedFuture(Response.status(404).type("application/problem+json").entity(Map.of("type",
                    "about:blank", "title", "Not found", "status", 404, "detail", "no " + lookup + " named '" + name + "'",
                    "code", "CREATIO_NOT_FOUND")).build());
        }
        return answer(request, () -> Map.of("lookup", lookup, "name", name, "id", id.toString(), "creatioName", name));
    }

    @GET
    @Path("/integration-user")
    public CompletionStage<Response> integrationUser(@Context HttpServerRequest request) {
        java.util.UUID contact = integrationUserContact;
        if (mode == Mode.UP && contact == null) {
            return CompletableFuture.completedFuture(Response.status(404).type("application/problem+json").entity(Map.of("type",
                    "about:blank", "title", "Not found", "status", 404, "detail", "the access token names no user", "code",
                    "CREATIO_NOT_FOUND")).build());
        }
        return answer(request, () -> Map.of("sysAdminUnitId", "7f3b869f-34f3-4f20-ab4d-7480a5fdf647", "name", "nia-sync (integration)",
                "contactId", contact.toString(), "source", "token"));
    }

    @POST
    @Path("/lookups/names")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> lookupNames(LookupNamesRequest names, @Context HttpServerRequest request) {
        Map<String, Map<java.util.UUID, String>> out = new java.util.LinkedHashMap<>();
        names.ids().forEach((set, ids) -> {
            Map<java.util.UUID, String> found = new java.util.LinkedHashMap<>();
            ids.forEach(id -> found.put(id, "QualifyStatus".equals(set) ? STAGES.get(id.toString())
                    : "Contact".equals(set) ? CONTACTS.get(id.toString()) : null));
            out.put(set, found);
        });
        return answer(request, () -> new LookupNames(out));
    }

    private CompletionStage<Response> answer(HttpServerRequest request, java.util.function.Supplier<Object> body) {
        lastCaller = identity.getPrincipal().getName();
        switch (mode) {
            case DOWN -> {
                // no answer at all: the connection goes away, as when the gateway dies mid-call
                request.connection().close();
                return new CompletableFuture<>();
            }
            case FAILING -> {
                return CompletableFuture.completedFuture(Response.status(503).type("application/problem+json").header("Retry-After", "7")
                        .entity(Map.of("type", "about:blank", "title", "Service Unavailable", "status", 503,
                                "detail", "Creatio at http://creatio.internal.example answered 503 (secret-detail)", "code", "CREATIO_UNAVAILABLE",
                                "retryAfterSeconds", 7))
                        .build());
            }
            default -> {
                return CompletableFuture.completedFuture(Response.ok(body.get()).build());
            }
        }
    }
}
