package com.nia.crmsync.web.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

/**
 * An error that leaves the API as an RFC 9457 problem with the fields at fault, if any; thrown by
 * resources and services alike and answered by {@link ProblemMappers}.
 */
public class ProblemException extends RuntimeException {

    private final String type;
    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(Response.Status status, String title, String detail, List<Problem.FieldError> errors) {
        this(status.getStatusCode(), title, detail, errors);
    }

    /** For statuses {@link Response.Status} does not name, e.g. 422 or 428. */
    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        this(Problem.BLANK, status, title, detail, errors);
    }

    /** A problem of a {@code type} of its own instead of {@code about:blank}. */
    public ProblemException(String type, int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.type = type;
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The problem document, {@code instance} being the request's path (or null). */
    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors.isEmpty() ? null : errors);
    }

    public int status() {
        return status;
    }
}
