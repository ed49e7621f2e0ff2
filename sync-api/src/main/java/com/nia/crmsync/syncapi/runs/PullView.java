package com.nia.crmsync.syncapi.runs;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.pull.IncrementalPull;

/** The incremental pull as the API shows it: per entity type, what a start did, or its state. */
public final class PullView {

    private PullView() {
    }

    /** What {@code POST /pull/} did per type: {@code started}, {@code in_flight}, {@code held_elsewhere}, {@code disabled}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Started(List<TypeStarted> types, String statusUrl) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TypeStarted(String entityType, String outcome) {
    }

    /** {@code GET /pull/}: one entry per entity type ever pulled. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record States(List<TypeState> types) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TypeState(String entityType, Instant watermark, boolean inFlight, Instant requestedAt, Instant nextPullAt,
            Instant lastCycleAt, long pages, long recordsPulled, long commandsPlanned, long echoesSkipped, long recordsCreated) {

        static TypeState of(IncrementalPull.PullState s) {
            return new TypeState(s.entityType().wire(), s.watermark(), s.inFlight(), s.requestedAt(), s.nextPullAt(), s.lastCycleAt(),
                    s.pages(), s.recordsPulled(), s.commandsPlanned(), s.echoesSkipped(), s.recordsCreated());
        }
    }
}
