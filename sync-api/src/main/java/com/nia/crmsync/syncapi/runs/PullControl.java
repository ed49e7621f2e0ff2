package com.nia.crmsync.syncapi.runs;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.pull.IncrementalPull;

/**
 * Pull cycles on demand ({@code POST /api/v1/crm/sync/pull/}, and the Creatio half of a
 * {@code sync_all}) and the pull's state ({@code GET /api/v1/crm/sync/pull/}). Each type starts in
 * its own transaction, so one type held by another replica does not hold back the others.
 */
@ApplicationScoped
public class PullControl {

    static final String STATUS_URL = "/api/v1/crm/sync/pull/";

    private final IncrementalPull pull;

    public PullControl(IncrementalPull pull) {
        this.pull = pull;
    }

    /** Starts a cycle of each type now; validates the types first (400 naming the entry at fault). */
    /** The types a pull cycle can be started for. */
    static final List<EntityType> PULLED = List.of(EntityType.LEAD, EntityType.CONTACT, EntityType.TASK);

    public PullView.Started start(PullRequest request) {
        PullRequest r = request == null ? new PullRequest(null, null) : request;
        // leads and contacts, and tasks: the task pull reads Creatio's activities (docs/meetings.md)
        return start(RunService.types(r.entityTypes(), PULLED), r.since());
    }

    PullView.Started start(List<EntityType> types, java.time.Instant since) {
        List<PullView.TypeStarted> started = new ArrayList<>();
        for (EntityType type : types) {
            IncrementalPull.Start outcome = QuarkusTransaction.requiringNew().call(() -> pull.start(type, false, since));
            started.add(new PullView.TypeStarted(type.wire(), outcome.wire()));
        }
        return new PullView.Started(started, STATUS_URL);
    }

    public PullView.States states() {
        return new PullView.States(pull.states().stream().map(PullView.TypeState::of).toList());
    }
}
