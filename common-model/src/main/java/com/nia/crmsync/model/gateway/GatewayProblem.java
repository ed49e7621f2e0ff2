package com.nia.crmsync.model.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The gateway's error answer as it is read ({@code application/problem+json}, RFC 9457) with its
 * extensions: {@code code} (the gateway's stable error code), {@code creatioStatus} (Creatio's own
 * status, absent when Creatio gave none) and {@code retryAfterSeconds} (mirrors {@code Retry-After}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GatewayProblem(String type, String title, Integer status, String detail, String code, Integer creatioStatus,
        Long retryAfterSeconds) {
}
