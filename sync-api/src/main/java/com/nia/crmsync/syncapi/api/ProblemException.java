package com.nia.crmsync.syncapi.api;

import java.util.List;

import jakarta.ws.rs.core.Response;

/** An error that leaves the API as an RFC 9457 problem with the field at fault, if any. */
public class ProblemException extends RuntimeException {

    private final Response.Status status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(Response.Status status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Problem toProblem(String instance) {
        return new Problem("about:blank", title, status.getStatusCode(), getMessage(), instance, errors.isEmpty() ? null : errors);
    }

    public Response.Status status() {
        return status;
    }
}
