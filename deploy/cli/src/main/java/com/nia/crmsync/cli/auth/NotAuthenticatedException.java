package com.nia.crmsync.cli.auth;

/** Signing in failed, or a cached token expired and could not be renewed (exit code 3). */
public class NotAuthenticatedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotAuthenticatedException(String message) {
        super(message);
    }
}
