package com.nia.crmsync.syncapi.runs;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/crm/sync/pull/}: start a pull cycle of these types now ({@code lead},
 * {@code contact}, {@code task} — the activities; default: all three), from {@code since} when
 * given (else from the watermark minus the overlap).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PullRequest(List<String> entityTypes, Instant since) {
}
