package com.nia.crmsync.model.merge;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.entity.Side;

/**
 * What an automatic policy decided for one field changed to different values on both sides:
 * the winning side (none under {@code manual}, or when {@code newest_wins} sees a tie) and why,
 * in words an operator reads.
 */
public record Decision(ConflictPolicy policy, Side winner, String reason) {

    /** The field stays as it is on both sides until a person decides. */
    public boolean leftOpen() {
        return winner == null;
    }
}
