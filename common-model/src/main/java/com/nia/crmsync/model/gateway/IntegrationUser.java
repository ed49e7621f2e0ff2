package com.nia.crmsync.model.gateway;

import java.util.UUID;

/**
 * The Creatio user the gateway's OAuth client runs as ({@code GET /integration-user}): the
 * technical user ({@code SysAdminUnit}) and its contact, which Creatio makes the owner of what the
 * integration writes and which NIA uses as the owner of last resort of a meeting or task.
 *
 * @param sysAdminUnitId the technical user's {@code SysAdminUnit} id
 * @param name           its name in Creatio
 * @param contactId      its contact ({@code SysAdminUnit.ContactId})
 * @param source         how the gateway found the user: {@code token} (the access token's
 *                       {@code prop:SysAdminUnitId} claim) or {@code configured_name}
 *                       ({@code creatio.integration-user.name})
 */
public record IntegrationUser(UUID sysAdminUnitId, String name, UUID contactId, String source) {

    /** Found through the access token's {@code prop:SysAdminUnitId} claim. */
    public static final String FROM_TOKEN = "token";
    /** Found by the configured technical user's name. */
    public static final String FROM_CONFIGURED_NAME = "configured_name";
}
