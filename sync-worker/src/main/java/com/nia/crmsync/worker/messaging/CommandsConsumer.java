package com.nia.crmsync.worker.messaging;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.nia.crmsync.messaging.ConfigurationView;
import com.nia.crmsync.messaging.DeadLetterPublisher;
import com.nia.crmsync.messaging.LogContext;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.messaging.TraceContext;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.validation.Violation;
import com.nia.crmsync.worker.failure.WorkerCannotWork;
import com.nia.crmsync.worker.health.WorkerReadiness;
import com.nia.crmsync.worker.service.CommandHandler;

/**
 * Consumes both command lanes (group {@code sync-worker}): real-time and bulk are separate topics
 * with separate channels, so a 100,000-record resync never queues in front of a meeting that just
 * ended. Records of one partition are handled in order. A command planned with a newer
 * configuration than this instance has loaded waits for it and never runs on an older one. A
 * command is acknowledged (its offset committed later, throttled) only after its result is stored
 * in Kafka; a record that is not a valid command is dead-lettered with the reason and its attempt
 * while the next record is processed. A real-time command runs in its trace (the gateway call
 * and the result join it) with its ids in the log's MDC. A failure caused by our own shutdown leaves the record
 * unacknowledged, so another instance (or this one after its restart) processes it again. So does a failure of
 * this worker's own dependencies ({@link WorkerCannotWork}: its credentials, the identity provider, the gateway):
 * the record is held while {@link WorkerReadiness} probes, handled again when they are back, or left uncommitted
 * when the worker leaves the group — never answered or dead-lettered for it. While the worker does not take
 * work, records still delivered to it are left uncommitted too.
 */
@ApplicationScoped
public class CommandsConsumer {

    static final String REALTIME = "commands-realtime-in";
    static final String BULK = "commands-bulk-in";
    private static final Duration CONFIG_WAIT_SLICE = Duration.ofSeconds(30);

    private final CommandHandler handler;
    private final ConfigurationView configuration;
    private final ShutdownState shutdown;
    private final DeadLetterPublisher deadLetters;
    private final WorkerReadiness readiness;

    public CommandsConsumer(CommandHandler handler, ConfigurationView configuration, ShutdownState shutdown,
            DeadLetterPublisher deadLetters, WorkerReadiness readiness) {
        this.handler = handler;
        this.readiness = readiness;
        this.deadLetters = deadLetters;
        this.configuration = configuration;
        this.shutdown = shutdown;
    }

    /**
     * The real-time lane is consumed a poll at a time as well, without lingering: a poll holds what
     * is there when it is made, so nothing waits for a batch to fill. A lone command (an edit, most
     * of the time) is handled on its own, in its own trace, exactly as a record-at-a-time consumer
     * would. Commands that arrived together — a meeting's activity, its tasks and its lead's update,
     * planned in one transaction — are handled together, so their reads and writes share
     * {@code $batch} calls (made in the first command's trace, which commands planned together
     * share; each result is published in its own command's trace); when handling them together
     * fails, each is handled again on its own. A
     * record that is not a valid command, or whose handling fails, is dead-lettered on its own; the
     * poll is acknowledged once every result is stored, and never nacked as a whole.
     */
    @Incoming(REALTIME)
    @Blocking
    public CompletionStage<Void> realtime(KafkaRecordBatch<String, String> batch) {
        if (!readiness.awaitReady(REALTIME)) {
            return CompletableFuture.completedFuture(null);
        }
        List<Read> commands = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                commands.add(new Read(record, readCommand(record.getPayload())));
            } catch (RuntimeException poison) {
                deadLetters.publish(record, poison, 1);
            }
        }
        if (commands.size() > 1 && !handledTogether(commands)) {
            return CompletableFuture.completedFuture(null);
        }
        if (commands.size() == 1 && !handledAlone(commands.get(0))) {
            return CompletableFuture.completedFuture(null);
        }
        return batch.ack();
    }

    /** A real-time record read as a command. */
    private record Read(KafkaRecord<String, String> record, Envelope<Command> envelope) {
        CommandHandler.Incoming incoming() {
            return new CommandHandler.Incoming(envelope, envelope.aggregateId(), record.getPayload(), DeadLetterPublisher.origin(record));
        }
    }

    /** Real-time commands that arrived together, handled together; false when they are left for redelivery. */
    private boolean handledTogether(List<Read> commands) {
        long needed = commands.stream().mapToLong(c -> c.envelope().payload().configVersion()).max().orElse(0);
        if (!configurationLoaded(new VersionOnly(needed))) {
            Log.infof("%d real-time commands left for redelivery: shutting down while waiting for configuration %d", commands.size(),
                    needed);
            return false;
        }
        while (true) {
            // the shared calls run in the first command's trace: commands planned together (a meeting's) share one trace
            Read first = commands.get(0);
            try (LogContext context = LogContext.open(TraceContext.ofRecord(first.record(), first.envelope().traceparent()),
                    first.envelope())) {
                handler.handleAll(commands.stream().map(Read::incoming).toList());
                return true;
            } catch (WorkerCannotWork e) {
                if (!readiness.hold(e, REALTIME)) {
                    Log.warnf("%d real-time commands left uncommitted for another instance: %s", commands.size(), e.getMessage());
                    return false;
                }
            } catch (RuntimeException e) {
                if (shutdown.shuttingDown()) {
                    Log.infof("%d real-time commands left for redelivery: shutting down", commands.size());
                    return false;
                }
                Log.infof("%d real-time commands handled one by one: handling them together failed (%s)", commands.size(), e.toString());
                for (Read command : commands) {
                    if (!handledAlone(command)) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    /**
     * The bulk lane is consumed in batches (a poll of up to {@code max.poll.records}, lingering
     * {@code fetch.max.wait.ms} for it to fill), so the {@link com.nia.crmsync.worker.sync.WriteBatcher}
     * can combine the writes of many records into few {@code $batch} calls. Each record that is
     * not a valid command is dead-lettered on its own; the batch is acknowledged once every
     * result is stored, and never nacked as a whole (that would dead-letter good commands).
     */
    @Incoming(BULK)
    @Blocking
    public CompletionStage<Void> bulk(KafkaRecordBatch<String, String> batch) {
        if (!readiness.awaitReady(BULK)) {
            return CompletableFuture.completedFuture(null);
        }
        List<CommandHandler.Incoming> commands = new ArrayList<>();
        long maxConfig = 0;
        for (KafkaRecord<String, String> record : batch) {
            DeadLetterPublisher.Origin origin = DeadLetterPublisher.origin(record);
            try {
                Envelope<Command> envelope = readCommand(record.getPayload());
                if (!(envelope.payload() instanceof SyncCommand)) {
                    throw new IllegalArgumentException("Only sync commands travel on the bulk lane");
                }
                commands.add(new CommandHandler.Incoming(envelope, record.getKey(), record.getPayload(), origin));
                maxConfig = Math.max(maxConfig, envelope.payload().configVersion());
            } catch (RuntimeException poison) {
                deadLetters.publish(record, poison, 1);
            }
        }
        long needed = maxConfig;
        if (needed > 0 && !configurationLoaded(new VersionOnly(needed))) {
            Log.infof("Bulk batch left for redelivery: shutting down while waiting for configuration %d", needed);
            return CompletableFuture.completedFuture(null);
        }
        while (true) {
            try {
                handleUntilStored(commands, batch.getRecords().size());
                return batch.ack();
            } catch (ShuttingDown e) {
                Log.infof("Bulk batch of %d left for redelivery: shutting down", batch.getRecords().size());
                return CompletableFuture.completedFuture(null);
            } catch (WorkerCannotWork e) {
                if (!readiness.hold(e, BULK)) {
                    Log.warnf("Bulk batch of %d left uncommitted for another instance: %s", batch.getRecords().size(), e.getMessage());
                    return CompletableFuture.completedFuture(null);
                }
            }
        }
    }

    /**
     * Hands a bulk batch's commands to the handler until their results are stored. When they could
     * not be (Kafka unavailable), the same batch runs again 2 s later, for as long as it takes (its
     * writes are idempotent, and the bulk partitions wait with it), unless this instance is shutting
     * down: then {@link ShuttingDown} ends the retries and the batch is left for redelivery.
     * Called through the bean's proxy (ArC intercepts self-invocation), so {@code @Retry} applies.
     */
    @Retry(maxRetries = -1, delay = 2, delayUnit = ChronoUnit.SECONDS, jitter = 0, maxDuration = 0,
            abortOn = { ShuttingDown.class, WorkerCannotWork.class })
    void handleUntilStored(List<CommandHandler.Incoming> commands, int records) {
        try {
            handler.handleAll(commands);
        } catch (WorkerCannotWork e) {
            throw e;
        } catch (RuntimeException e) {
            if (shutdown.shuttingDown()) {
                throw new ShuttingDown(e);
            }
            Log.warnf(e, "Bulk batch of %d failed; retrying it", records);
            throw e;
        }
    }

    /** Our own shutdown interrupted a bulk batch: no retry, the batch stays unacknowledged. */
    static final class ShuttingDown extends RuntimeException {
        ShuttingDown(Throwable cause) {
            super(cause);
        }
    }

    /** The command in {@code payload}, whole: an envelope and a command without violations, or an exception saying why not. */
    static Envelope<Command> readCommand(String payload) {
        Envelope<Command> envelope = Json.readEnvelope(payload, Command.class);
        List<Violation> violations = new ArrayList<>(envelope.validate());
        if (envelope.payload() != null) {
            violations.addAll(envelope.payload().validate());
        }
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Invalid command envelope: " + violations);
        }
        return envelope;
    }

    private record VersionOnly(long configVersion) {
    }

    /** One real-time command on its own, in its trace; false when it is left for redelivery (not dead-lettered). */
    private boolean handledAlone(Read read) {
        try (LogContext context = LogContext.open(TraceContext.ofRecord(read.record(), read.envelope().traceparent()), read.envelope())) {
            return handledAloneInContext(read);
        }
    }

    private boolean handledAloneInContext(Read read) {
        Command command = read.envelope().payload();
        int attempt = command instanceof SyncCommand s ? s.attempt() : 1;
        if (!configurationLoaded(new VersionOnly(command.configVersion()))) {
            Log.infof("Command %s left for redelivery: shutting down while waiting for configuration %d",
                    command.commandId(), command.configVersion());
            return false;
        }
        while (true) {
            try {
                handler.handleAll(List.of(read.incoming()));
                return true;
            } catch (WorkerCannotWork e) {
                if (!readiness.hold(e, REALTIME)) {
                    Log.warnf("Command %s left uncommitted for another instance: %s", command.commandId(), e.getMessage());
                    return false;
                }
            } catch (RuntimeException e) {
                if (shutdown.shuttingDown()) {
                    Log.infof("Command %s left for redelivery: shutting down", command.commandId());
                    return false;
                }
                deadLetters.publish(read.record(), e, attempt);
                return true;
            }
        }
    }

    /** Waits, as long as it takes (the partition waits with it), for the configuration the command was planned with. */
    private boolean configurationLoaded(VersionOnly command) {
        if (command.configVersion() <= 0) {
            return true;
        }
        while (!shutdown.shuttingDown()) {
            if (configuration.awaitAtLeast(command.configVersion(), CONFIG_WAIT_SLICE).isPresent()) {
                return true;
            }
            Log.warnf("Commands wait for configuration version %d; this instance has %d",
                    command.configVersion(), configuration.version());
        }
        return false;
    }
}
