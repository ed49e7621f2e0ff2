package com.nia.crmsync.syncapi.gateway;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The gateway's connection test: a Creatio token, then one cheap read, with timings. {@code code}
 * is the gateway's stable error code ({@code OK} on success); {@code message} is already
 * sanitised by the gateway.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionTest(boolean ok, boolean authenticated, long authMillis, Long readMillis, String code, String message,
        Instant at) {
}
