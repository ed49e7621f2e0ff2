package com.nia.crmsync.simulator.auth;

import java.util.UUID;

/**
 * The Creatio user an integration runs as (creatio-api.md §1.1): one per OAuth client. Its contact
 * becomes {@code OwnerId}, {@code CreatedById} and {@code ModifiedById} of what it writes.
 *
 * @param clientId the OAuth client id
 * @param contactId the technical user's contact
 * @param name the technical user's display name
 */
public record TechnicalUser(String clientId, UUID contactId, String name) {
}
