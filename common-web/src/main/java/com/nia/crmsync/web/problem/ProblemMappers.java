package com.nia.crmsync.web.problem;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every general error family into an RFC 9457 problem, in every service that has this jar:
 * validation errors name each field, unreadable JSON names the position, JAX-RS' own errors (404,
 * 405, 415…) keep their status, our own {@link ProblemException}s keep theirs. Nothing leaks a
 * stack trace. A service adds mappers of its own only for the errors it owns (the gateway's
 * Creatio failures, the conflict service's lost optimistic lock), building a {@link Problem}.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return answer(e.toProblem(uri.getPath()));
    }

    /**
     * A caller whose roles do not allow the operation ({@code @RolesAllowed}): 403 as a problem, like
     * every other refusal, instead of Quarkus' empty answer. Which roles are needed is not said.
     */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return answer(new Problem(Problem.BLANK, "Forbidden", 403, "Your roles do not allow this operation", uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(jsonName(fieldOf(v.getPropertyPath().toString()), v.getLeafBean()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return answer(new Problem(Problem.BLANK, "Invalid request", 400, errors.size() + " field(s) are invalid", uri.getPath(), errors));
    }

    /** More specific than {@link JsonProcessingException}, so Quarkus' own JSON answer for it does not win. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return answer(new Problem(Problem.BLANK, "Unreadable JSON", 400, e.getOriginalMessage(), uri.getPath(),
                List.of(new Problem.FieldError(fieldOf(e), "cannot be read"))));
    }

    /**
     * Where in the body reading stopped, as a JSON pointer: the mapping path of a value of the
     * wrong type, or the parser's position for a number too large for its field; {@code /} when
     * the body is not JSON at all.
     */
    static String fieldOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return "/" + String.join("/", m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex())).toList());
        }
        if (e instanceof InputCoercionException s && s.getProcessor() != null) {
            JsonParser parser = s.getProcessor();
            Deque<String> names = new ArrayDeque<>();
            for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    names.addFirst(c.getCurrentName());
                } else if (c.inArray()) {
                    names.addFirst(String.valueOf(Math.max(0, c.getCurrentIndex())));
                }
            }
            return names.isEmpty() ? "/" : "/" + String.join("/", names);
        }
        return "/";
    }

    /** A body the JSON reader refused arrives wrapped (a number out of range): answered as unreadable JSON, naming the field. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadable(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return answer(new Problem(Problem.BLANK, title, status, title, uri.getPath(), null));
    }

    /** The problem as the answer: its status, {@code application/problem+json}. */
    public static Response answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The field as the client wrote it: a body whose JSON names are snake_case gets its pointer in snake_case. */
    static String jsonName(String pointer, Object leafBean) {
        if (leafBean == null) {
            return pointer;
        }
        JsonNaming naming = leafBean.getClass().getAnnotation(JsonNaming.class);
        if (naming == null || naming.value() != PropertyNamingStrategies.SnakeCaseStrategy.class) {
            return pointer;
        }
        return pointer.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** "start.request.count" (method.parameter.field) becomes the JSON pointer "/count". */
    static String fieldOf(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        if (parts.length <= 1) {
            return "/";
        }
        // a query or header parameter ("list.size") is named by itself, a body field without the method and parameter
        int from = parts.length == 2 ? 1 : 2;
        return "/" + String.join("/", Arrays.copyOfRange(parts, from, parts.length));
    }
}
