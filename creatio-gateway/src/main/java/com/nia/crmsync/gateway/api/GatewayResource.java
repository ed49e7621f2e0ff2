package com.nia.crmsync.gateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.service.ConnectionService;
import com.nia.crmsync.gateway.service.EntityService;
import com.nia.crmsync.gateway.service.EntitySetInfo;
import com.nia.crmsync.gateway.service.IntegrationUserService;
import com.nia.crmsync.gateway.service.LookupService;
import com.nia.crmsync.gateway.service.MetadataService;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.BatchItem;
import com.nia.crmsync.model.gateway.BatchRequest;
import com.nia.crmsync.model.gateway.BatchResponse;
import com.nia.crmsync.model.gateway.ConnectionTest;
import com.nia.crmsync.model.gateway.EntityColumns;
import com.nia.crmsync.model.gateway.IntegrationUser;
import com.nia.crmsync.model.gateway.ItemOutcome;
import com.nia.crmsync.model.gateway.LookupNames;
import com.nia.crmsync.model.gateway.LookupNamesRequest;
import com.nia.crmsync.model.gateway.LookupRow;
import com.nia.crmsync.web.security.Roles;

/**
 * The gateway's operations that are not about one entity set: batches of writes, lookups by
 * name and names of lookup ids, Creatio's schema, the integration user, and the connection test. For NIA services only (role
 * {@code sync-service}).
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SYNC_SERVICE)
@Tag(name = "gateway", description = "Batches, lookups, schema and connection")
public class GatewayResource {

    private final EntityService entities;
    private final LookupService lookups;
    private final MetadataService metadata;
    private final ConnectionService connection;
    private final IntegrationUserService integrationUser;

    public GatewayResource(EntityService entities, LookupService lookups, MetadataService metadata, ConnectionService connection,
            IntegrationUserService integrationUser) {
        this.entities = entities;
        this.lookups = lookups;
        this.metadata = metadata;
        this.connection = connection;
        this.integrationUser = integrationUser;
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Run writes as $batch calls of ≤ 100 with continue-on-error; per-item outcomes")
    public BatchResponse batch(BatchRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane) {
        if (request == null || request.items() == null || request.items().isEmpty()) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "items must not be empty");
        }
        List<BatchItem> items = request.items().stream()
                .map(i -> new BatchItem(i.op(), i.set() == null ? null : EntitySets.canonical(i.set()), i.id(), i.columns()))
                .toList();
        List<ItemOutcome> outcomes = entities.batch(Lanes.of(lane), items);
        long ok = outcomes.stream().filter(ItemOutcome::ok).count();
        return new BatchResponse(outcomes, ok, outcomes.size() - ok);
    }

    @GET
    @Path("/lookups/{lookup}")
    @Operation(summary = "A lookup's Id by name (cached; activity category 'Meeting' and 'Appointment' are the same row)")
    public LookupRow lookup(@PathParam("lookup") String lookup, @QueryParam("name") String name,
            @HeaderParam(Lane.HTTP_HEADER) String lane) {
        String set = EntitySets.canonical(lookup);
        return lookups.resolve(Lanes.of(lane), set, name)
                .orElseThrow(() -> new CreatioException(ErrorCode.CREATIO_NOT_FOUND, 0, "no " + set + " named '" + name + "'"));
    }

    @POST
    @Path("/lookups/names")
    @Operation(summary = "Lookup rows' display names by id, per lookup set (cached; null where a row or its Name is missing)")
    public LookupNames lookupNames(LookupNamesRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane) {
        if (request == null || request.ids() == null) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "ids must name lookup sets and their ids");
        }
        Map<String, List<UUID>> ids = new LinkedHashMap<>();
        request.ids().forEach((set, values) -> ids.put(EntitySets.canonical(set), values));
        return new LookupNames(lookups.names(Lanes.of(lane), ids));
    }

    @GET
    @Path("/integration-user")
    @Operation(summary = "The Creatio user the OAuth client runs as and its contact (learnt once, cached); 404 when Creatio cannot say")
    public IntegrationUser integrationUser(@HeaderParam(Lane.HTTP_HEADER) String lane) {
        return integrationUser.current(Lanes.of(lane));
    }

    @GET
    @Path("/metadata")
    @Operation(summary = "Creatio's entity sets (from $metadata, cached)")
    public List<String> entitySets(@HeaderParam(Lane.HTTP_HEADER) String lane) {
        return metadata.entitySets(Lanes.of(lane)).keySet().stream().sorted().toList();
    }

    @GET
    @Path("/metadata/{set}")
    @Operation(summary = "One entity set's columns, EDM types and text column sizes (from $metadata, cached)")
    public EntityColumns columns(@PathParam("set") String set, @HeaderParam(Lane.HTTP_HEADER) String lane) {
        EntitySetInfo info = metadata.require(Lanes.of(lane), EntitySets.canonical(set));
        return new EntityColumns(info.name(), new TreeMap<>(info.columns()), List.copyOf(info.navigationProperties()),
                new TreeMap<>(info.maxLengths()));
    }

    @POST
    @Path("/test-connection")
    @Operation(summary = "Get a token and make one cheap read, with timings")
    public ConnectionTest testConnection(@HeaderParam(Lane.HTTP_HEADER) String lane) {
        return connection.test(lane == null ? Lane.REALTIME : Lanes.of(lane));
    }
}
