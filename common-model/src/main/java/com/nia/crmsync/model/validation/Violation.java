package com.nia.crmsync.model.validation;

/**
 * One reason an inbound message is invalid. Consumers dead-letter an invalid message with the
 * violations joined into the {@code dead-letter-reason} header.
 *
 * @param path    a JSON pointer into the message ({@code /payload/participants/2/email})
 * @param message what is wrong, for an operator
 */
public record Violation(String path, String message) {

    /** A required value is absent or blank. */
    public static Violation missing(String path) {
        return new Violation(path, "is required");
    }

    /** {@code path: message}, the form used in the dead-letter reason. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
