package com.nia.crmsync.worker.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.worker.service.CommandHandler;

/**
 * Consumes both command lanes (group {@code sync-worker}): real-time and bulk are separate topics
 * with separate channels, so a 100,000-record resync never queues in front of a meeting that just
 * ended. A command is acknowledged (its offset committed later, throttled) only after its result
 * is stored in Kafka; a record that is not a valid command goes to the dead-letter topic with the
 * reason and the next record is processed.
 */
@ApplicationScoped
public class CommandsConsumer {

    private final CommandHandler handler;

    public CommandsConsumer(CommandHandler handler) {
        this.handler = handler;
    }

    @Incoming("commands-realtime-in")
    @Blocking
    public void realtime(String json) {
        handle(json);
    }

    @Incoming("commands-bulk-in")
    @Blocking
    public void bulk(String json) {
        handle(json);
    }

    private void handle(String json) {
        Envelope<Command> envelope = Json.readEnvelope(json, Command.class);
        var violations = envelope.validate();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Invalid command envelope: " + violations);
        }
        handler.handle(envelope);
    }
}
