package com.nia.crmsync.model.merge;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.entity.Side;

/**
 * The automatic conflict policies as pure functions. They are applied where a same-field mismatch
 * is found (in the worker), and the mismatch event says what they decided; the conflict service
 * records the decision and never re-makes it.
 */
public final class Policies {

    private Policies() {
    }

    /**
     * Decides a same-field collision.
     *
     * @param niaChangedAt NIA's {@code updated_at} of the record (UTC), may be null
     * @param creatioChangedAt Creatio's {@code ModifiedOn} of the record (UTC), may be null
     */
    public static Decision decide(ConflictPolicy policy, Instant niaChangedAt, Instant creatioChangedAt) {
        ConflictPolicy p = policy == null ? ConflictPolicy.MANUAL : policy;
        switch (p) {
            case LOCAL_WINS:
                return new Decision(p, Side.NIA, "local_wins: the NIA value is kept by configuration");
            case CREATIO_WINS:
                return new Decision(p, Side.CREATIO, "creatio_wins: the Creatio value is kept by configuration");
            case NEWEST_WINS:
                return newest(niaChangedAt, creatioChangedAt);
            case MANUAL:
            default:
                return new Decision(ConflictPolicy.MANUAL, null, "manual: left for a person to decide");
        }
    }

    private static Decision newest(Instant nia, Instant creatio) {
        if (nia == null || creatio == null) {
            return new Decision(ConflictPolicy.NEWEST_WINS, null,
                    "newest_wins: a change time is unknown, left for a person to decide");
        }
        // compared at the precision both sides keep: PostgreSQL stores microseconds, Creatio 7 digits
        Instant n = nia.truncatedTo(ChronoUnit.MICROS);
        Instant c = creatio.truncatedTo(ChronoUnit.MICROS);
        int order = n.compareTo(c);
        if (order > 0) {
            return new Decision(ConflictPolicy.NEWEST_WINS, Side.NIA,
                    "newest_wins: NIA changed at " + n + ", after Creatio at " + c);
        }
        if (order < 0) {
            return new Decision(ConflictPolicy.NEWEST_WINS, Side.CREATIO,
                    "newest_wins: Creatio changed at " + c + ", after NIA at " + n);
        }
        return new Decision(ConflictPolicy.NEWEST_WINS, null,
                "newest_wins: both changed at " + n + ", a tie is left for a person to decide");
    }
}
