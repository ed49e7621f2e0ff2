package com.nia.crmsync.model.gateway;

import java.time.Instant;

/**
 * The gateway's connection test ({@code POST /test-connection}): a Creatio token, then one cheap
 * read, with timings. {@code code} is the gateway's stable error code ({@code OK} on success);
 * {@code message} is already sanitised by the gateway.
 */
public record ConnectionTest(boolean ok, String apiUrl, boolean authenticated, long authMillis, Long readMillis, String code,
        String message, Instant at) {
}
