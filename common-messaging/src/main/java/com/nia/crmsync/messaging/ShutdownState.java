package com.nia.crmsync.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Whether the application is shutting down. A message whose processing fails because the database
 * or Kafka client is already closing is left unacknowledged (it is redelivered after the restart),
 * never dead-lettered: the dead-letter topic is for messages that are wrong, not for our restarts.
 */
@ApplicationScoped
public class ShutdownState {

    private volatile boolean shuttingDown;

    void onShutdown(@Observes ShutdownEvent event) {
        shuttingDown = true;
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }
}
