package com.nia.crmsync.client.model;

import java.util.List;

/** {@code GET /api/v1/crm/sync/runs/{id}/plan}: one page of a dry run's plan lines with the run's totals. */
public record PlanPage(List<PlanLine> items, int page, int size, long total, PlanSummary summary) {
}
