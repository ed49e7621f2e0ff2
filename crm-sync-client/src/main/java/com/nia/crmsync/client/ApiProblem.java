package com.nia.crmsync.client;

import java.util.List;

/**
 * An RFC 9457 problem document as the API answers errors ({@code application/problem+json}):
 * {@code errors} names each field at fault with a JSON pointer into the request.
 */
public record ApiProblem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** One field at fault. */
    public record FieldError(String field, String message) {
    }
}
