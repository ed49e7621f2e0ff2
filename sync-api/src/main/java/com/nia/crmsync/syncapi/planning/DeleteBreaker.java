package com.nia.crmsync.syncapi.planning;

import java.math.BigDecimal;

import com.nia.crmsync.model.config.CreatioConfiguration.DeleteSafety;
import com.nia.crmsync.syncapi.deletes.Deletions;

/**
 * The deletion safety breaker's arithmetic, kept pure so it can be proven on its own. Deletions of
 * one entity type found in Creatio are counted in a sliding window ({@code windowSeconds}); when
 * the deletions already in the window plus the ones just found are more than {@code maxDeletions},
 * or more than {@code maxShare} of the type's linked records, the new ones are held for an admin
 * instead of propagated. While any deletion of the type is held, every new one is held too: the
 * propagation stays paused until the admin has decided.
 */
public final class DeleteBreaker {

    private DeleteBreaker() {
    }

    /**
     * What the breaker says about deletions just found.
     *
     * @param hold     whether they wait for an admin
     * @param total    deletions in the window, these included
     * @param linked   the type's linked records the share is taken of
     * @param reason   why they are held; null when they propagate
     */
    public record Verdict(boolean hold, int total, long linked, String reason) {
    }

    /**
     * @param safety         the configuration's thresholds; none means no breaker
     * @param alreadyInWindow deletions of the type already found in the window (propagated or held)
     * @param incoming       the deletions just found
     * @param linked         the type's linked records (those just found deleted included)
     * @param paused         deletions of the type are waiting for an admin already
     */
    public static Verdict judge(DeleteSafety safety, int alreadyInWindow, int incoming, long linked, boolean paused) {
        int total = alreadyInWindow + incoming;
        if (incoming <= 0 || safety == null) {
            return new Verdict(false, total, linked, null);
        }
        if (paused) {
            return new Verdict(true, total, linked, "propagation is paused: earlier deletions await an admin's decision");
        }
        if (total > safety.maxDeletions()) {
            return new Verdict(true, total, linked, total + " deletions in " + safety.windowSeconds() + " s, more than maxDeletions "
                    + safety.maxDeletions());
        }
        if (safety.maxShare() != null && linked > 0
                && BigDecimal.valueOf(total).compareTo(safety.maxShare().multiply(BigDecimal.valueOf(linked))) > 0) {
            return new Verdict(true, total, linked, total + " deletions of " + linked + " linked records, more than maxShare "
                    + safety.maxShare().stripTrailingZeros().toPlainString());
        }
        return new Verdict(false, total, linked, null);
    }
}
