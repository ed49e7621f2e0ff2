package com.nia.crmsync.syncapi.deadletters;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What to replay: dead letters by {@code ids} ({@code <partition>:<offset>}), or every dead letter a filter
 * selects ({@code topic}: the origin topic, {@code reason}: part of the reason, {@code since}: an ISO-8601
 * instant) — one of the two. {@code dry_run} answers what would be replayed and changes nothing.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReplayRequest(List<String> ids, String topic, String reason, String since, Boolean dryRun) {
}
