package com.nia.crmsync.model.result;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a {@code reconcile} command.
 *
 * @param top         ids asked for (listing)
 * @param skip        ids skipped, as asked (listing)
 * @param mayHaveMore the listing page was full: there may be a next one
 * @param ids         a listing: the page's ids; a check: the asked ids Creatio still has
 * @param missing     a check: the asked ids Creatio does not have (deleted there)
 */
public record ReconciledIds(int top, int skip, boolean mayHaveMore, List<UUID> ids, List<UUID> missing) {
}
