package com.nia.crmsync.worker.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.messaging.ConfigurationView;
import com.nia.crmsync.messaging.DeadLetters;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.worker.service.CommandHandler;

/**
 * Consumes both command lanes (group {@code sync-worker}): real-time and bulk are separate topics
 * with separate channels, so a 100,000-record resync never queues in front of a meeting that just
 * ended. Records of one partition are handled in order. A command planned with a newer
 * configuration than this instance has loaded waits for it and never runs on an older one. A
 * command is acknowledged (its offset committed later, throttled) only after its result is stored
 * in Kafka; a record that is not a valid command is dead-lettered with the reason and its attempt
 * while the next record is processed. A failure caused by our own shutdown leaves the record
 * unacknowledged, so another instance (or this one after its restart) processes it again.
 */
@ApplicationScoped
public class CommandsConsumer {

    private static final Duration CONFIG_WAIT_SLICE = Duration.ofSeconds(30);

    private final CommandHandler handler;
    private final ConfigurationView configuration;
    private final ShutdownState shutdown;

    public CommandsConsumer(CommandHandler handler, ConfigurationView configuration, ShutdownState shutdown) {
        this.handler = handler;
        this.configuration = configuration;
        this.shutdown = shutdown;
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
            return DeadLetters.nack(message, poison, 1);
        }
        Command command = envelope.payload();
        int attempt = command instanceof SyncCommand s ? s.attempt() : 1;
        if (!configurationLoaded(command)) {
            Log.infof("Command %s left for redelivery: shutting down while waiting for configuration %d",
                    command.commandId(), command.configVersion());
            return CompletableFuture.completedFuture(null);
        }
        try {
            handler.handle(envelope);
            return message.ack();
        } catch (RuntimeException e) {
            if (shutdown.shuttingDown()) {
                Log.infof("Command %s left for redelivery: shutting down", command.commandId());
                return CompletableFuture.completedFuture(null);
            }
            return DeadLetters.nack(message, e, attempt);
        }
    }

    /** Waits, as long as it takes (the partition waits with it), for the configuration the command was planned with. */
    private boolean configurationLoaded(Command command) {
        if (command.configVersion() <= 0) {
            return true;
        }
        while (!shutdown.shuttingDown()) {
            if (configuration.awaitAtLeast(command.configVersion(), CONFIG_WAIT_SLICE).isPresent()) {
                return true;
            }
            Log.warnf("Command %s waits for configuration version %d; this instance has %d",
                    command.commandId(), command.configVersion(), configuration.version());
        }
        return false;
    }
}
