package com.nia.crmsync.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.messaging.TraceContext;

/**
 * Publishes the outbox to Kafka: the oldest rows first, each on its own topic and key, waits for
 * the broker's acknowledgement of every one, then deletes them in the same transaction. When Kafka
 * is down the transaction rolls back and the rows wait for the next run: nothing is lost, and a
 * row is published again only when its deletion did not commit (consumers deduplicate by event id).
 * Only one replica relays at a time (advisory lock {@code crm-sync.outbox.lock-key}), which keeps
 * each key's order. Each message is sent in the trace of the transaction that queued it (the
 * Kafka instrumentation writes its {@code traceparent} header as a child of the row's context).
 * Created at startup, which fails when the lock key is not configured.
 */
@Startup
@ApplicationScoped
public class OutboxRelay {

    /** The one outgoing channel; the topic is set per message from its row. */
    public static final String CHANNEL = "outbox-out";

    private final OutboxRepository repository;
    private final Emitter<String> emitter;
    private final OutboxConfig config;
    private final ShutdownState shutdown;
    private final ManagedExecutor executor;
    private final AtomicBoolean relayRequested = new AtomicBoolean();
    private final Semaphore running = new Semaphore(1);

    public OutboxRelay(OutboxRepository repository,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
            OutboxConfig config, ShutdownState shutdown, ManagedExecutor executor) {
        this.repository = repository;
        this.emitter = emitter;
        this.config = config;
        this.shutdown = shutdown;
        this.executor = executor;
        if (config.lockKey().isEmpty()) {
            throw new IllegalStateException("crm-sync.outbox.lock-key is not set: each service using the outbox names its own relay lock");
        }
    }

    /** The safety net: every second (the scheduler's finest grain), whatever was not relayed right after its commit. */
    @Scheduled(every = "${crm-sync.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRelay() {
        relayAll();
    }

    /** Right after a transaction that wrote to the outbox commits, relay on a worker thread (coalesced). */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (relayRequested.compareAndSet(false, true)) {
            executor.execute(() -> {
                relayRequested.set(false);
                relayAll();
            });
        }
    }

    private void relayAll() {
        if (!running.tryAcquire()) {
            relayRequested.set(true);
            return;
        }
        try {
            while (relayBatch() == config.batchSize()) {
                // a full batch means more is waiting: keep going without waiting for the next tick
            }
        } catch (RuntimeException e) {
            if (!shutdown.shuttingDown()) {
                Log.warnf("Outbox relay paused, will retry: %s", e.getMessage());
            }
        } finally {
            running.release();
        }
        if (relayRequested.compareAndSet(true, false) && !shutdown.shuttingDown()) {
            executor.execute(this::relayAll);
        }
    }

    /**
     * Publishes one batch in a transaction of its own; returns how many messages were published.
     * {@code REQUIRES_NEW}: the after-commit path runs on an executor that propagates contexts, and
     * must never join the (already completed) transaction of the change that triggered it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int relayBatch() {
        if (!repository.tryRelayLock()) {
            return 0;
        }
        List<OutboxEvent> batch = repository.oldest(config.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            RecordHeaders headers = new RecordHeaders();
            event.headers.forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
            Message<String> message = Message.of(event.payload)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withTopic(event.topic).withKey(event.messageKey).withHeaders(headers).build())
                    .addMetadata(TracingMetadata.withCurrent(TraceContext.fromTraceparent(event.traceparent)))
                    .withAck(() -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        ack.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    });
            emitter.send(message);
            acks.add(ack);
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        }
        repository.deleteAll(batch);
        return batch.size();
    }
}
