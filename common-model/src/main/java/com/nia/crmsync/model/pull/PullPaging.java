package com.nia.crmsync.model.pull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;

/**
 * The arithmetic of the incremental pull, kept pure so it can be proven on its own.
 *
 * <p>Creatio stores {@code ModifiedOn} with 7 fractional digits (100 ns); PostgreSQL keeps
 * microseconds. A watermark is therefore always truncated <em>down</em> to the microsecond
 * ({@link #watermarkOf}): a record at {@code .1234567} gives {@code .123456}, and the next
 * {@code ModifiedOn ge} query still includes it. Rounding up would skip it forever.
 *
 * <p>Paging is keyset-like rather than a growing {@code $skip} over one fixed {@code since}: each
 * page starts at the previous page's last {@code ModifiedOn} (truncated) and skips only the
 * records of the previous page at that instant. Equal timestamps across a page boundary are
 * therefore never lost (they are skipped by count, in {@code Id} order), and a record edited while
 * the cycle runs moves behind the cursor instead of shifting an unread record into the part
 * already skipped. Each cycle starts at the watermark minus an overlap window, so a commit that
 * becomes visible late (with a {@code ModifiedOn} behind the watermark) is still read; the
 * duplicates this causes are absorbed by the hash comparison.
 */
public final class PullPaging {

    private PullPaging() {
    }

    /**
     * The entity key of an entity type's {@code pull_page} commands and results: a fixed,
     * name-based local id per type, so every page of a type travels on one partition, in order.
     */
    public static EntityKey pullKey(EntityType type) {
        return EntityKey.local(type, UUID.nameUUIDFromBytes(("crm.sync.pull:" + type.wire()).getBytes(StandardCharsets.UTF_8)));
    }

    /** Creatio's {@code ModifiedOn} at PostgreSQL's precision, truncated down (never later than the record). */
    public static Instant watermarkOf(Instant modifiedOn) {
        return modifiedOn.truncatedTo(ChronoUnit.MICROS);
    }

    /** Where a cycle starts: the watermark minus the overlap, or the epoch before the first pull. */
    public static Instant cycleStart(Instant watermark, Duration overlap) {
        if (watermark == null) {
            return Instant.EPOCH;
        }
        Instant start = watermark.minus(overlap);
        return start.isBefore(Instant.EPOCH) ? Instant.EPOCH : start;
    }

    /** The next watermark: the later of the current one and the page's last record (truncated). */
    public static Instant advance(Instant watermark, List<Instant> pageModifiedOn) {
        Instant out = watermark;
        for (Instant m : pageModifiedOn) {
            Instant w = watermarkOf(m);
            if (out == null || w.isAfter(out)) {
                out = w;
            }
        }
        return out;
    }

    /**
     * The cursor of the next page.
     *
     * @param since          this page's {@code since}
     * @param skip           this page's {@code skip}
     * @param pageModifiedOn the page's {@code ModifiedOn} values, in page order
     */
    public static Cursor next(Instant since, int skip, List<Instant> pageModifiedOn) {
        if (pageModifiedOn.isEmpty()) {
            return new Cursor(since, skip);
        }
        Instant last = watermarkOf(pageModifiedOn.get(pageModifiedOn.size() - 1));
        int atLast = 0;
        for (Instant m : pageModifiedOn) {
            if (watermarkOf(m).equals(last)) {
                atLast++;
            }
        }
        if (!last.isAfter(since)) {
            // the whole page shares the cursor's instant: skip further at the same since
            return new Cursor(since, skip + pageModifiedOn.size());
        }
        return new Cursor(last, atLast);
    }

    /**
     * Where the next page starts.
     *
     * @param since the lower bound on {@code ModifiedOn} (inclusive)
     * @param skip  records at or after {@code since} already read
     */
    public record Cursor(Instant since, int skip) {
    }
}
