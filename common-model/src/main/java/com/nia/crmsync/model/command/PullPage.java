package com.nia.crmsync.model.command;

import java.time.Instant;

/**
 * What a {@code pull_page} command asks a worker to read: one page of the Creatio records of an
 * entity set changed at or after {@code since}, ordered by {@code ModifiedOn, Id}
 * ({@code $top}/{@code $skip}). {@code sync-api} computes each page's {@code since} and
 * {@code skip} from the previous page ({@link com.nia.crmsync.model.pull.PullPaging}).
 *
 * @param entitySet the Creatio entity set ({@code Lead}, {@code Contact})
 * @param since     the lower bound on {@code ModifiedOn} (inclusive), at microsecond precision
 * @param top       rows per page, at most 20,000
 * @param skip      rows at or after {@code since} already seen in this pull cycle
 */
public record PullPage(String entitySet, Instant since, int top, int skip) {
}
