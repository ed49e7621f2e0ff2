package com.nia.crmsync.model.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer to a {@code pull_page} command: the records of one page as Creatio holds them.
 *
 * @param since       the page's lower bound on {@code ModifiedOn}, as asked
 * @param top         rows asked for
 * @param skip        rows skipped, as asked
 * @param mayHaveMore the page was full: there may be a next one
 * @param records     the page's records in {@code ModifiedOn, Id} order
 */
public record PulledPage(Instant since, int top, int skip, boolean mayHaveMore, List<Record> records) {

    /**
     * One changed Creatio record.
     *
     * @param id         its Creatio {@code Id}
     * @param modifiedOn its {@code ModifiedOn} with Creatio's full precision (up to 7 fractional digits)
     * @param values     Creatio column → canonical JSON scalar (the mapped columns, the link columns)
     */
    public record Record(UUID id, Instant modifiedOn, Map<String, Object> values) {
    }
}
