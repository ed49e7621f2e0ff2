package com.nia.crmsync.worker.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.context.Context;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.BatchItem;
import com.nia.crmsync.model.gateway.GatewayError;
import com.nia.crmsync.model.gateway.ItemOutcome;
import com.nia.crmsync.model.result.CallSummary;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.worker.gateway.CreatioPort;
import com.nia.crmsync.worker.gateway.GatewayException;

/**
 * Combines the Creatio writes of commands that arrived together into {@code $batch} calls. The
 * commands of one poll (the bulk lane lingers briefly so a poll fills up) are merged first; their
 * writes are then sent in chunks of the configuration's write batch size (at most Creatio's 100
 * requests per {@code $batch}), each chunk one gateway call that the gateway turns into one
 * {@code $batch} with continue-on-error, so a failing item fails no other. Up to
 * {@code sync-worker.writes.batches-in-flight} chunks are sent at once (the gateway holds any beyond
 * its own concurrency limit), each in the caller's trace. A lone write goes as
 * the plain request it is (a PATCH of the changed columns, a POST, a DELETE). A create whose id
 * existed in Creatio already is handed back to {@link RecordSync} to be merged with that record.
 */
@ApplicationScoped
public class WriteBatcher {

    private final CreatioPort creatio;
    private final ExecutorService inFlight;

    @Inject
    public WriteBatcher(CreatioPort creatio, WriteConfig config) {
        this.creatio = creatio;
        int batches = Math.max(1, config.batchesInFlight());
        this.inFlight = batches == 1 ? null : Context.taskWrapping(Executors.newFixedThreadPool(batches, r -> {
            Thread t = new Thread(r, "write-batches");
            t.setDaemon(true);
            return t;
        }));
    }

    /** One {@code $batch} call at a time (the engine's unit tests). */
    WriteBatcher(CreatioPort creatio) {
        this.creatio = creatio;
        this.inFlight = null;
    }

    @PreDestroy
    void stop() {
        if (inFlight != null) {
            inFlight.shutdownNow();
        }
    }

    void write(Lane lane, List<RecordSync.Work> works, int batchSize) {
        List<RecordSync.Work> writing = new ArrayList<>();
        List<RecordSync.Work> planning = new ArrayList<>();
        for (RecordSync.Work w : works) {
            if (!w.failed() && w.write != null) {
                (w.cmd.dryRun() ? planning : writing).add(w);
            }
        }
        int size = Math.max(1, Math.min(batchSize, 100));
        plan(planning, size);
        if (writing.isEmpty()) {
            return;
        }
        if (writing.size() == 1) {
            single(lane, writing.get(0));
            return;
        }
        List<List<RecordSync.Work>> chunks = new ArrayList<>();
        for (int from = 0; from < writing.size(); from += size) {
            chunks.add(writing.subList(from, Math.min(writing.size(), from + size)));
        }
        if (inFlight == null || chunks.size() == 1) {
            chunks.forEach(chunk -> chunk(lane, chunk));
            return;
        }
        // each chunk's records are its own: the calls in flight share no record
        try {
            CompletableFuture.allOf(chunks.stream()
                    .map(chunk -> CompletableFuture.runAsync(() -> chunk(lane, chunk), inFlight))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // as if sent from this thread: the caller sees the chunk's own failure
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * A dry run writes nothing: each planned write is costed as the real run would send it — a lone
     * write is one call; writes sent together share one {@code $batch} per chunk, whose one call is
     * counted on the chunk's first record (the others cost 0), so a plan's calls add up exactly.
     */
    private static void plan(List<RecordSync.Work> planning, int size) {
        if (planning.size() == 1) {
            planning.get(0).plannedCalls = 1;
            return;
        }
        for (int i = 0; i < planning.size(); i++) {
            planning.get(i).plannedCalls = i % size == 0 ? 1 : 0;
        }
    }

    private void single(Lane lane, RecordSync.Work w) {
        BatchItem item = w.write;
        String operation;
        int status;
        switch (item.op()) {
            case "create" -> {
                operation = "POST " + item.set();
                status = 201;
            }
            case "delete" -> {
                operation = "DELETE " + item.set();
                status = 204;
            }
            default -> {
                operation = "PATCH " + item.set();
                status = 204;
            }
        }
        long start = System.nanoTime();
        try {
            switch (item.op()) {
                case "create" -> creatio.create(lane, item.set(), item.id(), item.columns())
                        .ifPresent(existing -> RecordSync.existed(w, existing));
                case "delete" -> creatio.delete(lane, item.set(), item.id());
                default -> creatio.update(lane, item.set(), item.id(), item.columns());
            }
            w.calls.add(new CallSummary(operation, status, millisSince(start), null));
        } catch (GatewayException e) {
            w.calls.add(new CallSummary(operation, e.status(), millisSince(start), null));
            if ("delete".equals(item.op()) && "CREATIO_NOT_FOUND".equals(e.code())) {
                return; // already gone: the deletion holds
            }
            if ("update".equals(item.op()) && "CREATIO_NOT_FOUND".equals(e.code()) && !w.cmd.dryRun()) {
                RecordSync.gone(w); // deleted in Creatio between the read and the write
                return;
            }
            RecordSync.fail(w, e);
        }
    }

    private void chunk(Lane lane, List<RecordSync.Work> chunk) {
        List<BatchItem> items = chunk.stream().map(w -> w.write).toList();
        long start = System.nanoTime();
        List<ItemOutcome> outcomes;
        try {
            outcomes = creatio.batch(lane, items);
        } catch (GatewayException e) {
            RecordSync.record(chunk, new CallSummary("POST $batch", e.status(), millisSince(start), chunk.size()));
            chunk.forEach(w -> RecordSync.fail(w, e));
            return;
        }
        RecordSync.record(chunk, new CallSummary("POST $batch", 200, millisSince(start), chunk.size()));
        for (ItemOutcome o : outcomes) {
            if (o.index() < 0 || o.index() >= chunk.size()) {
                continue;
            }
            if (o.ok() && o.verifiedByRead() && "create".equals(o.op())) {
                RecordSync.existed(chunk.get(o.index()), null);
                continue;
            }
            if (o.ok()) {
                continue;
            }
            RecordSync.Work w = chunk.get(o.index());
            if ("delete".equals(o.op()) && o.creatioStatus() == 404) {
                continue;
            }
            if ("update".equals(o.op()) && o.creatioStatus() == 404) {
                RecordSync.gone(w);
                continue;
            }
            Failure.Category category = GatewayError.category(o.code(), o.creatioStatus());
            if (o.creatioStatus() == 400) {
                category = Failure.Category.VALIDATION;
            }
            w.failure = new Failure(category, o.code() + ": " + o.message(), o.creatioStatus(), null);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
