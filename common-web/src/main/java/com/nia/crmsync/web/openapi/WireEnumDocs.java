package com.nia.crmsync.web.openapi;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Writes each enum of a service's OpenAPI document with the names its API reads and writes (every
 * service with the SmallRye OpenAPI extension and this jar gets it). Every enum of
 * the public API is a {@link com.nia.crmsync.model.wire.WireEnum} (or, like the alerts' severities,
 * written the same way): lower_snake on the wire, through a {@code @JsonValue} method that the
 * document's scanner does not follow, so it would list the Java constants ({@code LEAD},
 * {@code LOCAL_WINS}) — values the API refuses.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WireEnumDocs implements OASFilter {

    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");

    @Override
    public Schema filterSchema(Schema schema) {
        List<Object> values = schema.getEnumeration();
        if (values != null && !values.isEmpty()
                && values.stream().allMatch(v -> v instanceof String s && CONSTANT.matcher(s).matches())) {
            schema.setEnumeration(values.stream().<Object>map(v -> ((String) v).toLowerCase(Locale.ROOT)).toList());
        }
        return schema;
    }
}
