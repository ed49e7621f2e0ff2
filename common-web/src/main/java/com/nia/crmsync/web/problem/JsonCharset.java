package com.nia.crmsync.web.problem;

import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * JSON is read as UTF-8 only (RFC 8259 §8.1): a JSON body declared in another charset
 * ({@code application/json; charset=ebcdic}) is refused with 415 as a problem instead of being read
 * as UTF-8 regardless. Found by the HTTP fuzz suite.
 */
public class JsonCharset {

    @ServerRequestFilter
    public Optional<Response> utf8Only(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"))) {
            return Optional.empty();
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset == null || charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8")) {
            return Optional.empty();
        }
        return Optional.of(ProblemMappers.answer(new Problem(Problem.BLANK, "Unsupported Media Type", 415,
                "JSON is read as UTF-8 only; charset '" + abbreviate(charset) + "' is not supported", request.getUriInfo().getPath(), null)));
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
