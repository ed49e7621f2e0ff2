package com.nia.crmsync.model.gateway;

import com.nia.crmsync.model.json.Json;

/**
 * The one reader of the gateway's error answers, used by every client of the internal API: the
 * status, the body (a {@link GatewayProblem} when it is one) and the {@code Retry-After} header
 * become a {@link GatewayError}. A body that is not a problem document keeps the status, which
 * alone still tells the category.
 */
public final class GatewayErrorDecoder {

    private GatewayErrorDecoder() {
    }

    /**
     * The error of an answer with {@code status}, its body (may be null or not JSON) and its
     * {@code Retry-After} header (may be null; an HTTP date is ignored, the body's
     * {@code retryAfterSeconds} comes first).
     */
    public static GatewayError decode(int status, String body, String retryAfterHeader) {
        GatewayProblem problem = problem(body);
        String code = problem == null ? null : problem.code();
        String detail = problem == null || problem.detail() == null ? "HTTP " + status : problem.detail();
        Integer creatioStatus = problem == null ? null : problem.creatioStatus();
        Long retryAfter = problem == null ? null : problem.retryAfterSeconds();
        if (retryAfter == null && retryAfterHeader != null) {
            retryAfter = seconds(retryAfterHeader);
        }
        if (code == null) {
            code = status == 401 || status == 403 ? GatewayError.REFUSED_CREDENTIALS : "HTTP_" + status;
        }
        return new GatewayError(status, code, creatioStatus, retryAfter, detail);
    }

    private static GatewayProblem problem(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readValue(body, GatewayProblem.class);
        } catch (Exception notAProblem) {
            // not a problem document: the status alone tells what happened
            return null;
        }
    }

    private static Long seconds(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException httpDate) {
            // an HTTP date: the caller falls back to its configured pause
            return null;
        }
    }
}
