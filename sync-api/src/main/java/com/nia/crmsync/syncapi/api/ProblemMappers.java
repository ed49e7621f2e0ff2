package com.nia.crmsync.syncapi.api;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every error family into an RFC 9457 problem: validation errors name each field, unreadable
 * JSON names the position, our own {@link ProblemException}s keep their status. Nothing leaks a
 * stack trace.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return build(e.status().getStatusCode(), e.toProblem(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return build(400, new Problem("about:blank", "Invalid request", 400,
                errors.size() + " field(s) are invalid", uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? "/" + String.join("/", m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex())).toList())
                : "/";
        return build(400, new Problem("about:blank", "Unreadable JSON", 400,
                e.getOriginalMessage(), uri.getPath(), List.of(new Problem.FieldError(field, "cannot be read"))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return build(status, new Problem("about:blank", title, status, title, uri.getPath(), null));
    }

    private static Response build(int status, Problem problem) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** "start.request.count" (method.parameter.field) becomes the JSON pointer "/count". */
    private static String fieldOf(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        if (parts.length <= 2) {
            return "/";
        }
        return "/" + String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }
}
