package com.nia.crmsync.conflict.api;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What a bulk resolution did, one outcome per conflict in the order asked. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BulkResolution(int requested, int accepted, int refused, List<BulkResolution.Outcome> outcomes) {

    /**
     * The outcome for one conflict of a bulk resolution.
     *
     * @param status   the HTTP status this conflict alone would have got (202 accepted, 404, 409, 400)
     * @param conflictStatus the conflict's status afterwards, when it exists
     * @param detail   why it was refused
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Outcome(UUID id, int status, String conflictStatus, String detail) {
    }
}
