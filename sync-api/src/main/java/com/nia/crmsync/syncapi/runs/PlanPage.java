package com.nia.crmsync.syncapi.runs;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.planning.DryRunPlans;

/** {@code GET /api/v1/crm/sync/runs/{id}/plan}: one page of a dry run's plan lines, with the run's totals. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlanPage(List<DryRunPlans.Line> items, int page, int size, long total, DryRunPlans.Summary summary) {
}
