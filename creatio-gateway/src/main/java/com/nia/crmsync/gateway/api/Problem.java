package com.nia.crmsync.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail as the gateway answers it ({@code application/problem+json}), with
 * two extensions: {@code code} (a stable {@link com.nia.crmsync.gateway.client.ErrorCode}) and
 * {@code creatioStatus} (Creatio's own status; absent when Creatio gave none), plus
 * {@code retryAfterSeconds} mirroring the {@code Retry-After} header.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, Integer creatioStatus, Long retryAfterSeconds) {

    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
