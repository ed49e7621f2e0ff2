package com.nia.crmsync.client.model;

import java.util.Map;

/** A dry run's totals: plan lines per action and the Creatio calls the real run would cost. */
public record PlanSummary(long lines, Map<String, Long> byAction, long plannedCalls, String planUrl) {
}
