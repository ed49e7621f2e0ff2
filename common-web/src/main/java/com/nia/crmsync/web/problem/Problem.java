package com.nia.crmsync.web.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem document ({@code application/problem+json}), the one error answer of every
 * service: {@code errors} names each field at fault with a JSON pointer into the request, and
 * {@code extensions} carries a service's own members (the gateway's {@code code},
 * {@code creatioStatus}, {@code retryAfterSeconds}), written after the standard ones. Absent
 * members are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "errors" })
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The type of a problem that needs none beyond its status ({@code about:blank}). */
    public static final String BLANK = "about:blank";

    public Problem {
        Map<String, Object> present = new LinkedHashMap<>();
        if (extensions != null) {
            extensions.forEach((name, value) -> {
                if (value != null) {
                    present.put(name, value);
                }
            });
        }
        extensions = Collections.unmodifiableMap(present);
    }

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, Map.of());
    }

    /** The extension members, in the order given; members whose value is null were dropped. */
    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions;
    }

    /** One field at fault. */
    public record FieldError(String field, String message) {
    }
}
