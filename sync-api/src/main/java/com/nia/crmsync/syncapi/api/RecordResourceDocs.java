package com.nia.crmsync.syncapi.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Completes the OpenAPI operations of each {@link RecordResource} as Quarkus completes a resource's
 * own methods (it does not for inherited ones): 401 and 403 answers on every secured operation, 400 on
 * every operation with a body; and documents each kind's list filters (the leads' {@code status}),
 * which the one generic list reads from the query by name.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RecordResourceDocs implements OASFilter {

    private static final Map<String, List<String>> FILTERS = Map.of(LeadResource.PATH, LeadResource.FILTERS,
            ContactResource.PATH, ContactResource.FILTERS);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        FILTERS.forEach((path, filters) -> {
            PathItem collection = openAPI.getPaths().getPathItem(path);
            if (collection != null && collection.getGET() != null) {
                filters.forEach(name -> collection.getGET().addParameter(OASFactory.createParameter().name(name).in(Parameter.In.QUERY)
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
            }
            for (PathItem item : new PathItem[] {collection, openAPI.getPaths().getPathItem(path + "/{id}")}) {
                if (item != null) {
                    item.getOperations().values().forEach(RecordResourceDocs::completeAnswers);
                }
            }
        });
    }

    private static void completeAnswers(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            answer(responses, "401", "Not Authorized");
            answer(responses, "403", "Not Allowed");
        }
        if (operation.getRequestBody() != null) {
            answer(responses, "400", "Bad Request");
        }
    }

    private static void answer(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }
}
