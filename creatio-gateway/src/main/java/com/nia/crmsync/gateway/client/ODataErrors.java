package com.nia.crmsync.gateway.client;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.CreatioTransientException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.failure.Sanitizer;

/**
 * Turns a failed Creatio answer into a {@link CreatioException}: the useful text of Creatio's
 * envelope ({@code error.innererror.internalexception.message}, else {@code innererror.message},
 * else {@code error.message}), the HTML page Creatio shows a technical user without the "Access
 * to OData" operation, load-balancer error pages, 429 and {@code Retry-After}. A 500 that is the
 * database refusing a value too long for its column is no transient failure: the same value fails
 * every time, so it is {@code CREATIO_REJECTED} like a 400. A 500 that is the database refusing a
 * duplicate key (a create whose {@code Id} exists already) is {@code CREATIO_CONFLICT}: "already
 * exists", never retried as it is. Every message is sanitised.
 */
public final class ODataErrors {

    /** The database's "too long" errors Creatio passes on: SQL Server's (2628, 8152) and PostgreSQL's (22001). */
    private static final Pattern VALUE_TOO_LONG = Pattern.compile(
            "String or binary data would be truncated|value too long for type", Pattern.CASE_INSENSITIVE);

    /**
     * The database's duplicate-key errors Creatio passes on as a 500: PostgreSQL's (23505) and SQL
     * Server's (2627 "Violation of PRIMARY KEY constraint", 2601 "Cannot insert duplicate key").
     */
    private static final Pattern DUPLICATE_KEY = Pattern.compile(
            "duplicate key|23505|Violation of PRIMARY KEY constraint", Pattern.CASE_INSENSITIVE);

    private ODataErrors() {
    }

    /** The exception for a non-2xx answer (404 included, for callers that treat it as a failure). */
    public static CreatioException of(int status, String contentType, String body, String retryAfterHeader) {
        Duration retryAfter = retryAfter(retryAfterHeader);
        boolean html = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
        if (status == 429) {
            return new CreatioTransientException(ErrorCode.CREATIO_THROTTLED, status, "Creatio throttled the call", retryAfter);
        }
        if (status == 502 || status == 503 || status == 504) {
            return new CreatioTransientException(ErrorCode.CREATIO_UNAVAILABLE, status, "Creatio is unavailable (" + status + ")", retryAfter);
        }
        if (html) {
            return new CreatioException(ErrorCode.CREATIO_NO_ODATA_PERMISSION, status,
                    "Creatio answered an HTML page instead of OData: the integration user probably lacks the \"Access to OData\" (CanUseODataService) operation");
        }
        String message = envelopeMessage(body);
        if (status >= 500 && VALUE_TOO_LONG.matcher(message).find()) {
            return new CreatioException(ErrorCode.CREATIO_REJECTED, status, message);
        }
        if (status >= 500 && DUPLICATE_KEY.matcher(message).find()) {
            return new CreatioException(ErrorCode.CREATIO_CONFLICT, status, message);
        }
        if (status >= 500) {
            return new CreatioTransientException(ErrorCode.CREATIO_SERVER_ERROR, status, message, retryAfter);
        }
        if (status == 404) {
            return new CreatioException(ErrorCode.CREATIO_NOT_FOUND, status, message.isEmpty() ? "not found" : message);
        }
        if (status == 409) {
            return new CreatioException(ErrorCode.CREATIO_CONFLICT, status, message);
        }
        if (status == 401 || status == 403) {
            return new CreatioException(ErrorCode.CREATIO_UNAUTHORIZED, status,
                    "Creatio refused a fresh token: an unknown entity set, or the integration lacks rights");
        }
        return new CreatioException(ErrorCode.CREATIO_REJECTED, status, message);
    }

    /** The most specific message of Creatio's error envelope, sanitised; the raw body's start if it is no envelope. */
    public static String envelopeMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonObject error = new JsonObject(body).getJsonObject("error");
            if (error == null) {
                return Sanitizer.clean(body);
            }
            JsonObject inner = error.getJsonObject("innererror");
            if (inner != null) {
                JsonObject internal = inner.getJsonObject("internalexception");
                if (internal != null && notBlank(internal.getString("message"))) {
                    return Sanitizer.clean(internal.getString("message"));
                }
                if (notBlank(inner.getString("message"))) {
                    return Sanitizer.clean(inner.getString("message"));
                }
            }
            return Sanitizer.clean(error.getString("message", ""));
        } catch (RuntimeException notJson) {
            return Sanitizer.clean(body);
        }
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is rare behind Creatio's load balancers and read as absent). */
    public static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
