package com.nia.crmsync.client.model;

import java.time.Instant;

/** {@code POST /api/v1/crm/sync/test-connection/}: Creatio's connection test through the gateway. */
public record ConnectionCheck(boolean ok, boolean authenticated, long authMillis, Long readMillis, String code, String message,
        Instant at) {
}
