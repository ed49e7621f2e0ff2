package com.nia.crmsync.gateway.budget;

import java.time.Duration;

import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;

/**
 * The call budget refuses a call now — the day's quota share of its lane is spent, Creatio asked
 * us to pause for longer than the caller may wait, or the queue did not move in time. Never
 * retried inside the gateway: the caller is told at once when to come back.
 */
public class BudgetExhaustedException extends CreatioException {

    public BudgetExhaustedException(String reason, Duration retryAfter) {
        super(ErrorCode.BUDGET_EXHAUSTED, 0, "budget exhausted (" + reason + "), retry after " + retryAfter.toSeconds() + " s", retryAfter);
    }
}
