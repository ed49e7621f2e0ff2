package com.nia.crmsync.client.model;

import java.util.List;
import java.util.UUID;

/** What a bulk resolution did, one outcome per conflict (the HTTP status it alone would have got). */
public record BulkResolution(int requested, int accepted, int refused, List<Outcome> outcomes) {

    /** The outcome for one conflict. */
    public record Outcome(UUID id, int status, String conflictStatus, String detail) {
    }
}
