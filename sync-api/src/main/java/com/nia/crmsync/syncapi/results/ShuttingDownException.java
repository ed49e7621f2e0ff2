package com.nia.crmsync.syncapi.results;

/** Processing stopped because the application is shutting down; the message will be redelivered. */
public class ShuttingDownException extends RuntimeException {

    public ShuttingDownException() {
        super("shutting down", null, false, false);
    }
}
