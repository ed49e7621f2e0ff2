package com.nia.crmsync.syncapi.deletes;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The safety breaker of one entity type and direction ({@code to_nia}, {@code to_creatio}), now. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeleteBreakerState(String entityType, String direction, int inWindow, long linked, long pending, boolean paused, Integer maxDeletions,
        BigDecimal maxShare, Integer windowSeconds) {
}
