package com.nia.crmsync.worker.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.worker.service.CommandHandler;

/**
 * Consumes both command lanes (group {@code sync-worker}): real-time and bulk are separate topics
 * with separate channels, so a 100,000-record resync never queues in front of a meeting that just
 * ended. Records of one partition are handled in order. A command is acknowledged (its offset
 * committed later, throttled) only after its result is stored in Kafka; a record that is not a
 * valid command is nacked to the dead-letter topic with the reason and the next record is
 * processed. A failure caused by our own shutdown leaves the record unacknowledged, so another
 * instance (or this one after its restart) processes it again.
 */
@ApplicationScoped
public class CommandsConsumer {

    private final CommandHandler handler;
    private volatile boolean shuttingDown;

    public CommandsConsumer(CommandHandler handler) {
        this.handler = handler;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        shuttingDown = true;
    }

    @Incoming("commands-realtime-in")
    @Blocking
    public CompletionStage<Void> realtime(Message<String> message) {
        return handle(message);
    }

    @Incoming("commands-bulk-in")
    @Blocking
    public CompletionStage<Void> bulk(Message<String> message) {
        return handle(message);
    }

    private CompletionStage<Void> handle(Message<String> message) {
        Envelope<Command> envelope;
        try {
            envelope = Json.readEnvelope(message.getPayload(), Command.class);
            var violations = envelope.validate();
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException("Invalid command envelope: " + violations);
            }
        } catch (RuntimeException poison) {
            return message.nack(poison);
        }
        try {
            handler.handle(envelope);
            return message.ack();
        } catch (RuntimeException e) {
            if (shuttingDown) {
                Log.infof("Command %s left for redelivery: shutting down", envelope.eventId());
                return CompletableFuture.completedFuture(null);
            }
            return message.nack(e);
        }
    }
}
