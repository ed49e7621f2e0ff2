package com.nia.crmsync.messaging;

/**
 * A failure caused by this instance's configuration, not by the message it was processing (a
 * missing mapping, a refused client): {@link FailureKind#CONFIGURATION}, so the message is held
 * instead of dead-lettered.
 */
public class MisconfigurationException extends RuntimeException {

    public MisconfigurationException(String message) {
        super(message);
    }

    public MisconfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
