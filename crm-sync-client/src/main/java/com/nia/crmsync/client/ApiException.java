package com.nia.crmsync.client;

import java.util.List;

/** The API answered an error status; {@link #problem()} is its problem document (made up from the status when it sent none). */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ApiProblem problem;

    public ApiException(ApiProblem problem) {
        super(oneLine(problem));
        this.problem = problem;
    }

    public ApiProblem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** The problem on one line: its title, detail and every field at fault. */
    public static String oneLine(ApiProblem p) {
        StringBuilder line = new StringBuilder(p.title() == null ? "HTTP " + p.status() : p.title());
        if (p.detail() != null && !p.detail().isBlank() && !p.detail().equals(p.title())) {
            line.append(": ").append(p.detail().strip().replaceAll("\\s*\\R\\s*", " "));
        }
        List<ApiProblem.FieldError> errors = p.errors() == null ? List.of() : p.errors();
        for (ApiProblem.FieldError e : errors) {
            line.append(" [").append(e.field()).append(' ').append(e.message()).append(']');
        }
        return line.toString();
    }
}
