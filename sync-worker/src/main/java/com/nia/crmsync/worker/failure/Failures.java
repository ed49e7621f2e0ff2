package com.nia.crmsync.worker.failure;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.oidc.client.OidcClientException;

import com.nia.crmsync.model.gateway.GatewayError;
import com.nia.crmsync.model.result.Failure;

/**
 * The one place that says whose fault a failure is and what the worker does about it — the table
 * "Whose failure is it" in docs/retries.md, row by row ({@code FailuresTableTests} walks it). The
 * failures of the worker's own dependencies — the identity provider refusing or not answering its
 * client-credentials request, the gateway not answering, answering 502/503/504 itself (no Creatio
 * problem code), or refusing the worker's token — are {@link Action#STOP_TAKING_WORK}: no record is
 * answered, dead-lettered or committed for them. Reasons never carry a secret or a token.
 */
public final class Failures {

    /** The gateway itself (or a proxy in front of it) is down: no problem document, so not Creatio's answer. */
    private static final Set<Integer> GATEWAY_DOWN = Set.of(502, 503, 504);
    private static final Pattern OIDC_STATUS = Pattern.compile("status: (\\d{3})");
    private static final Pattern OAUTH_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([A-Za-z_]{1,40})\"");

    private Failures() {
    }

    /** A failure's class, what the worker does about it, and a reason for the log and the readiness check. */
    public record Verdict(FailureClass failureClass, Action action, String reason) {
    }

    /** A failed gateway call, as its answer was decoded. */
    public static Verdict ofGateway(GatewayError error) {
        String code = error.code();
        if (GatewayError.UNREACHABLE.equals(code)) {
            return new Verdict(FailureClass.TRANSIENT, Action.STOP_TAKING_WORK,
                    "the gateway does not answer (" + error.detail() + "): check GATEWAY_URL and the gateway's health");
        }
        if (GatewayError.REFUSED_CREDENTIALS.equals(code)) {
            return new Verdict(FailureClass.CONFIGURATION, Action.STOP_TAKING_WORK, "the gateway refused the worker's token (HTTP "
                    + error.status() + "): check that NIA_OIDC_CLIENT_ID has the sync-service role and the gateway trusts its issuer");
        }
        if (("HTTP_" + error.status()).equals(code) && GATEWAY_DOWN.contains(error.status())) {
            return new Verdict(FailureClass.TRANSIENT, Action.STOP_TAKING_WORK,
                    "the gateway answers HTTP " + error.status() + " itself: check the gateway's health");
        }
        Failure.Category category = error.category();
        return switch (category) {
            case BUDGET_EXHAUSTED -> new Verdict(FailureClass.TRANSIENT, Action.WAIT, code + ": nothing was tried");
            case TRANSIENT -> new Verdict(FailureClass.TRANSIENT, Action.RETRY_LATER, code + ": " + error.detail());
            case CONFIGURATION -> new Verdict(FailureClass.CONFIGURATION, Action.FAILED_RESULT, code + ": " + error.detail());
            default -> new Verdict(FailureClass.MESSAGE, Action.FAILED_RESULT, code + ": " + error.detail());
        };
    }

    /**
     * Any other failure while a record was handled: the worker's own (a {@link WorkerCannotWork}, the
     * identity provider's answer to its client-credentials request) or, for anything else, the
     * message's (a record that is not a valid command, a command this worker cannot carry out).
     */
    public static Verdict of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WorkerCannotWork cannot) {
                return cannot.verdict();
            }
            if (t instanceof OidcClientException oidc) {
                return ofIdentityProvider(oidc);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new Verdict(FailureClass.MESSAGE, Action.DEAD_LETTER, String.valueOf(failure.getMessage()));
    }

    /**
     * The identity provider's answer to the worker's client-credentials request: a 4xx (Keycloak answers
     * {@code unauthorized_client}, others {@code invalid_client}) means its client id or secret is wrong; a
     * 5xx or no answer at all means the provider is down.
     */
    static Verdict ofIdentityProvider(OidcClientException e) {
        String message = String.valueOf(e.getMessage());
        Matcher status = OIDC_STATUS.matcher(message);
        Matcher oauth = OAUTH_ERROR.matcher(message);
        String error = oauth.find() ? oauth.group(1) : null;
        int code = status.find() ? Integer.parseInt(status.group(1)) : 0;
        if ((code >= 400 && code < 500) || "invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            return new Verdict(FailureClass.CONFIGURATION, Action.STOP_TAKING_WORK,
                    "the identity provider refused the worker's client credentials (" + (error != null ? error : "HTTP " + code)
                            + "): check NIA_OIDC_CLIENT_ID and NIA_OIDC_CLIENT_SECRET");
        }
        return new Verdict(FailureClass.TRANSIENT, Action.STOP_TAKING_WORK, "the identity provider does not answer ("
                + (code > 0 ? "HTTP " + code : rootCause(e)) + "): check NIA_OIDC_TOKEN_ISSUER and the provider's health");
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
