package com.nia.crmsync.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Which access tokens name the integration user: a JWT with {@code prop:SysAdminUnitId} does; an
 * opaque token, a JWT without the claim or with a claim that is no id do not (the gateway then
 * looks the user up by {@code creatio.integration-user.name}).
 */
class IntegrationUserClaimTests {

    @Test
    void aJwtNamesItsUserAnOpaqueOrClaimlessTokenDoesNot() {
        UUID user = UUID.randomUUID();

        assertThat(IntegrationUserService.sysAdminUnitIdOf(jwt("{\"prop:SysAdminUnitId\":\"" + user + "\",\"client_id\":\"x\"}")))
                .contains(user);
        assertThat(IntegrationUserService.sysAdminUnitIdOf("e8f3c2a1b0d94e5f")).isEmpty();
        assertThat(IntegrationUserService.sysAdminUnitIdOf(jwt("{\"client_id\":\"x\"}"))).isEmpty();
        assertThat(IntegrationUserService.sysAdminUnitIdOf(jwt("{\"prop:SysAdminUnitId\":\"Supervisor\"}"))).isEmpty();
        assertThat(IntegrationUserService.sysAdminUnitIdOf("a.%%%.c")).isEmpty();
        assertThat(IntegrationUserService.sysAdminUnitIdOf(null)).isEmpty();
    }

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}
