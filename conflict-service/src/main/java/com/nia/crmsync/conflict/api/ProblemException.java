package com.nia.crmsync.conflict.api;

import java.util.List;

import jakarta.ws.rs.core.Response;

/** An error that leaves the API as an RFC 9457 problem with the field at fault, if any. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(Response.Status status, String title, String detail, List<Problem.FieldError> errors) {
        this(status.getStatusCode(), title, detail, errors);
    }

    /** For statuses {@link Response.Status} does not name, e.g. 422 or 428. */
    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Problem toProblem(String instance) {
        return new Problem("about:blank", title, status, getMessage(), instance, errors.isEmpty() ? null : errors);
    }

    public int status() {
        return status;
    }
}
