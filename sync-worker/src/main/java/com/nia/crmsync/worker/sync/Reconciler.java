package com.nia.crmsync.worker.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.ReconcilePage;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.gateway.PageResponse;
import com.nia.crmsync.model.gateway.ReadManyResponse;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.CallSummary;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.ReconciledIds;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.gateway.CreatioPort;
import com.nia.crmsync.worker.gateway.GatewayException;

/**
 * Carries out a {@code reconcile} command, the worker's part of the id reconciliation that finds
 * records deleted in Creatio (a hard delete leaves no trace a pull could see). A listing page is one
 * gateway call reading ids only ({@code $select=Id}, every record from the epoch on, the changes
 * order {@code ModifiedOn, Id}, {@code $top}/{@code $skip}); a check is one batched read of the given
 * ids, answering which Creatio still has. Nothing is written and nothing is kept: {@code sync-api}
 * compares the ids with its links and asks for the next page.
 */
@ApplicationScoped
public class Reconciler {

    private final CreatioPort creatio;

    public Reconciler(CreatioPort creatio) {
        this.creatio = creatio;
    }

    /** Reads the page or checks the ids and answers; a gateway failure is answered as retryable (the cycle ends). */
    public RecordSync.Handled run(Envelope<Command> envelope, CreatioConfiguration config, String handledBy) {
        SyncCommand c = (SyncCommand) envelope.payload();
        ReconcilePage page = c.reconcile();
        Optional<EntityMapping> mapping = config.mapping(c.entity().entityType());
        if (page == null || mapping.isEmpty()) {
            Failure f = new Failure(Failure.Category.CONFIGURATION, page == null ? "a reconcile command needs its page"
                    : "no mapping for entity type " + c.entity().entityType().wire(), null, null);
            return answer(envelope, SyncResult.answering(c, Outcome.FAILED, handledBy).failure(f).build());
        }
        String set = page.entitySet() != null ? page.entitySet() : mapping.get().entitySet();
        long start = System.nanoTime();
        String operation = page.check() ? "GET " + set + " (ids, check)" : "GET " + set + " (ids)";
        ReconciledIds reconciled;
        try {
            if (page.check()) {
                ReadManyResponse read = creatio.read(c.lane(), set, page.ids(), List.of("Id"));
                List<UUID> found = new ArrayList<>();
                for (Map<String, Object> r : read.records()) {
                    found.add(UUID.fromString(String.valueOf(r.get("Id"))));
                }
                reconciled = new ReconciledIds(0, 0, false, found, List.copyOf(read.missing()));
            } else {
                int top = Math.min(Math.max(1, page.top()), CreatioConfiguration.MAX_PAGE_ROWS);
                PageResponse response = creatio.changes(c.lane(), set, Instant.EPOCH, top, page.skip(), List.of("Id"));
                List<UUID> ids = new ArrayList<>();
                for (Map<String, Object> r : response.records()) {
                    ids.add(UUID.fromString(String.valueOf(r.get("Id"))));
                }
                reconciled = new ReconciledIds(top, page.skip(), response.mayHaveMore() || ids.size() >= top, ids, null);
            }
        } catch (GatewayException e) {
            CallSummary call = new CallSummary(operation, e.status(), (System.nanoTime() - start) / 1_000_000, null);
            Failure.Category category = e.failure().category();
            Outcome outcome = category == Failure.Category.VALIDATION || category == Failure.Category.CONFIGURATION
                    || category == Failure.Category.PERMANENT ? Outcome.FAILED : Outcome.RETRYABLE_FAILURE;
            return answer(envelope, SyncResult.answering(c, outcome, handledBy).failure(e.failure()).calls(List.of(call)).build());
        }
        CallSummary call = new CallSummary(operation, 200, (System.nanoTime() - start) / 1_000_000, null);
        return answer(envelope, SyncResult.answering(c, Outcome.NO_CHANGE, handledBy).action(Action.NO_OP)
                .calls(List.of(call)).reconciled(reconciled).build());
    }

    private static RecordSync.Handled answer(Envelope<Command> envelope, SyncResult result) {
        return new RecordSync.Handled(envelope, Envelope.result(envelope, result), List.of(), null, null);
    }
}
