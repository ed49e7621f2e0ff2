package com.nia.crmsync.gateway.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.service.EntityService;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.CreateRequest;
import com.nia.crmsync.model.gateway.CreateResponse;
import com.nia.crmsync.model.gateway.FindRequest;
import com.nia.crmsync.model.gateway.FindResponse;
import com.nia.crmsync.model.gateway.PageResponse;
import com.nia.crmsync.model.gateway.ReadManyRequest;
import com.nia.crmsync.model.gateway.ReadManyResponse;
import com.nia.crmsync.web.security.Roles;

/**
 * The workers' Creatio operations on one entity set ({@code /internal/v1/entities/{set}}), where
 * {@code set} is Creatio's set name or a typed helper's name ({@code leads}, {@code contacts},
 * {@code accounts}, {@code activities}, {@code activity-participants}). Every call names its lane
 * in {@code X-Sync-Lane}; errors are problem+json.
 */
@Path("/internal/v1/entities/{set}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SYNC_SERVICE)
@Tag(name = "entities", description = "Creatio records, any entity set")
public class EntityResource {

    private final EntityService entities;

    public EntityResource(EntityService entities) {
        this.entities = entities;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One record by Id (select: comma-separated columns)")
    public Map<String, Object> get(@PathParam("set") String set, @PathParam("id") UUID id, @QueryParam("select") String select,
            @HeaderParam(Lane.HTTP_HEADER) String lane) {
        return entities.get(Lanes.of(lane), EntitySets.canonical(set), id, columns(select))
                .orElseThrow(() -> new CreatioException(ErrorCode.CREATIO_NOT_FOUND, 404, "no " + set + " with Id " + id)).getMap();
    }

    @POST
    @Path("/read")
    @Operation(summary = "Many records by Id in few calls (or-filters on Id, URL-length-safe chunks)")
    public ReadManyResponse readMany(@PathParam("set") String set, ReadManyRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane) {
        if (request == null || request.ids() == null || request.ids().isEmpty()) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "ids must not be empty");
        }
        EntityService.Many many = entities.getMany(Lanes.of(lane), EntitySets.canonical(set), request.ids(),
                request.select() == null ? List.of() : request.select());
        return new ReadManyResponse(many.records().stream().map(JsonObject::getMap).toList(), many.missing(), many.creatioCalls());
    }

    @POST
    @Path("/find")
    @Operation(summary = "Records whose column equals any of up to 1,000 values (strings ignore case and surrounding whitespace), "
            + "grouped by value, in few calls (or-filters, URL-length-safe chunks)")
    public FindResponse find(@PathParam("set") String set, FindRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane) {
        if (request == null) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "a find needs a column and values");
        }
        List<String> select = request.select() == null ? List.of() : request.select().stream().filter(Objects::nonNull).toList();
        EntityService.Found found = entities.findByColumn(Lanes.of(lane), EntitySets.canonical(set), request.column(), request.values(), select);
        Map<String, List<Map<String, Object>>> matches = new LinkedHashMap<>();
        found.matches().forEach((value, records) -> matches.put(value, records.stream().map(JsonObject::getMap).toList()));
        return new FindResponse(matches, found.creatioCalls());
    }

    @GET
    @Path("/changes")
    @Operation(summary = "Records modified at or after 'since', paged by $top/$skip with $orderby=ModifiedOn,Id (top ≤ 20,000)")
    public PageResponse changes(@PathParam("set") String set, @QueryParam("since") @Parameter(description = "ISO-8601 instant") String since,
            @QueryParam("top") @DefaultValue("1000") int top, @QueryParam("skip") @DefaultValue("0") int skip,
            @QueryParam("select") String select, @HeaderParam(Lane.HTTP_HEADER) String lane) {
        EntityService.Page page = entities.changedSince(Lanes.of(lane), EntitySets.canonical(set), instant(since), top, skip, columns(select));
        return new PageResponse(page.records().stream().map(JsonObject::getMap).toList(), page.top(), page.skip(), page.mayHaveMore());
    }

    @POST
    @Operation(summary = "Create with the caller's Id (a failed or timed-out create is checked by reading that Id)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateResponse.class)))
    public Response create(@PathParam("set") String set, CreateRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane) {
        if (request == null || request.id() == null || request.columns() == null) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "a create needs an id and columns");
        }
        CreatioClient.Created created = entities.create(Lanes.of(lane), EntitySets.canonical(set), request.id(), request.columns());
        return Response.status(201).entity(new CreateResponse(request.id(), true, created.verifiedByRead(), created.entity().getMap())).build();
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Update only the given columns")
    public Response update(@PathParam("set") String set, @PathParam("id") UUID id, Map<String, Object> columns,
            @HeaderParam(Lane.HTTP_HEADER) String lane) {
        boolean found = entities.update(Lanes.of(lane), EntitySets.canonical(set), id, columns == null ? Map.of() : columns);
        if (!found) {
            throw new CreatioException(ErrorCode.CREATIO_NOT_FOUND, 404, "no " + set + " with Id " + id);
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a record")
    public Response delete(@PathParam("set") String set, @PathParam("id") UUID id, @HeaderParam(Lane.HTTP_HEADER) String lane) {
        if (!entities.delete(Lanes.of(lane), EntitySets.canonical(set), id)) {
            throw new CreatioException(ErrorCode.CREATIO_NOT_FOUND, 404, "no " + set + " with Id " + id);
        }
        return Response.noContent().build();
    }

    static List<String> columns(String select) {
        if (select == null || select.isBlank()) {
            return List.of();
        }
        return Arrays.stream(select.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Instant instant(String since) {
        if (since == null || since.isBlank()) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "since is required (ISO-8601)");
        }
        try {
            return OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "since must be an ISO-8601 date-time with offset");
        }
    }
}
