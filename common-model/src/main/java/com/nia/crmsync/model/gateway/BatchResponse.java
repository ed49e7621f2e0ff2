package com.nia.crmsync.model.gateway;

import java.util.List;

/** Per-item outcomes, in the order of the request, and how many succeeded and failed. */
public record BatchResponse(List<ItemOutcome> outcomes, long succeeded, long failed) {
}
