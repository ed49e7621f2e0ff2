package com.nia.crmsync.simulator.auth;

import java.util.UUID;

/**
 * The Creatio user an integration runs as (creatio-api.md §1.1): one per OAuth client, a
 * {@code SysAdminUnit} row whose {@code ContactId} is its contact. Its id is the token's
 * {@code prop:SysAdminUnitId}; its contact becomes {@code OwnerId}, {@code CreatedById} and
 * {@code ModifiedById} of what it writes.
 *
 * @param clientId the OAuth client id
 * @param sysAdminUnitId the technical user's {@code SysAdminUnit} id
 * @param contactId the technical user's contact
 * @param name the technical user's display name (its {@code SysAdminUnit.Name} and contact name)
 */
public record TechnicalUser(String clientId, UUID sysAdminUnitId, UUID contactId, String name) {
}
