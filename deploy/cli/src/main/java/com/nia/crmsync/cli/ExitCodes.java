package com.nia.crmsync.cli;

import picocli.CommandLine.ParameterException;

import com.nia.crmsync.cli.auth.NotAuthenticatedException;
import com.nia.crmsync.client.ApiException;
import com.nia.crmsync.client.ApiUnreachableException;

/**
 * The exit codes of {@code crm-sync}, and which failure ends in which: 0 ok, 1 the operation
 * failed, 2 usage error, 3 not authenticated or not allowed, 4 the API is unreachable.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_ALLOWED = 3;
    public static final int UNREACHABLE = 4;

    private ExitCodes() {
    }

    /** The exit code a failure ends the command with. */
    public static int of(Throwable failure) {
        if (failure instanceof ApiUnreachableException) {
            return UNREACHABLE;
        }
        if (failure instanceof NotAuthenticatedException) {
            return NOT_ALLOWED;
        }
        if (failure instanceof ApiException api && (api.status() == 401 || api.status() == 403)) {
            return NOT_ALLOWED;
        }
        if (failure instanceof ParameterException) {
            return USAGE;
        }
        return FAILED;
    }

    /** The one line a failure is told with: the problem's title, detail and fields; never a stack trace. */
    public static String line(Throwable failure) {
        if (failure instanceof ApiException api) {
            String line = ApiException.oneLine(api.problem());
            if (api.status() == 401) {
                line += " — sign in with `crm-sync login`, or pass --token / CRM_SYNC_TOKEN";
            }
            return line;
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
