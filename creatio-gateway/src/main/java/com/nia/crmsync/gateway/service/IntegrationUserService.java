package com.nia.crmsync.gateway.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.logging.Log;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.auth.CreatioTokens;
import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.gateway.client.ODataUrls;
import com.nia.crmsync.gateway.config.GatewayConfig;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.IntegrationUser;

/**
 * The Creatio user behind the gateway's OAuth client and its contact, learnt once and kept in
 * {@value #CACHE} for {@code creatio.cache.integration-user-ttl} (creatio-api.md §1.1): the user is
 * the access token's {@code prop:SysAdminUnitId} claim when the token is a JWT, else the
 * {@code SysAdminUnit} named {@code creatio.integration-user.name}; its contact is
 * {@code SysAdminUnit(<id>).ContactId}. Real Creatio makes that contact the owner of what the
 * integration writes; NIA takes it as the owner of last resort of a meeting or task. A failure is
 * not kept: the next caller asks again.
 */
@ApplicationScoped
public class IntegrationUserService {

    /** The cache of the one answer (its lifetime: {@code quarkus.cache.caffeine.creatio-integration-user.expire-after-write}). */
    public static final String CACHE = "creatio-integration-user";
    /** The token claim naming the technical user. */
    static final String CLAIM = "prop:SysAdminUnitId";
    static final String SET = "SysAdminUnit";
    private static final String KEY = "integration-user";
    private static final UUID NO_CONTACT = new UUID(0, 0);

    private final CreatioTokens tokens;
    private final CreatioClient creatio;
    private final MetadataService metadata;
    private final GatewayConfig config;
    private final Cache cache;

    public IntegrationUserService(CreatioTokens tokens, CreatioClient creatio, MetadataService metadata, GatewayConfig config,
            @CacheName(CACHE) Cache cache) {
        this.tokens = tokens;
        this.creatio = creatio;
        this.metadata = metadata;
        this.config = config;
        this.cache = cache;
    }

    /** The integration user and its contact; a {@code CREATIO_NOT_FOUND} failure when Creatio cannot say who it is. */
    public IntegrationUser current(Lane lane) {
        // the resources run on worker threads: waiting for the cache (or another caller's load) blocks no event loop
        return cache.<String, IntegrationUser>get(KEY, key -> load(lane)).await().indefinitely();
    }

    /** Forgets the answer (tests; another client configured). */
    public void invalidate() {
        cache.invalidateAll().await().indefinitely();
    }

    private IntegrationUser load(Lane lane) {
        if (metadata.entitySet(lane, SET).isEmpty()) {
            throw notFound("Creatio exposes no " + SET + " entity set to the integration user");
        }
        Optional<UUID> fromToken = sysAdminUnitIdOf(tokens.current());
        IntegrationUser user;
        if (fromToken.isPresent()) {
            JsonObject row = creatio.get(lane, SET, fromToken.get(), List.of("Id", "Name", "ContactId"))
                    .orElseThrow(() -> notFound("the token's " + CLAIM + " " + fromToken.get() + " is no " + SET));
            user = userOf(row, IntegrationUser.FROM_TOKEN);
        } else {
            String name = config.integrationUser().name().filter(n -> !n.isBlank())
                    .orElseThrow(() -> notFound("the access token names no user (" + CLAIM + ") and creatio.integration-user.name is not set"));
            Map<String, String> options = ODataUrls.options();
            options.put("$filter", "Name eq " + ODataUrls.literal(name.strip()));
            options.put("$select", "Id,Name,ContactId");
            options.put("$top", "2");
            JsonArray rows = creatio.query(lane, SET, ODataUrls.query(options)).getJsonArray("value", new JsonArray());
            if (rows.isEmpty()) {
                throw notFound("Creatio has no user named '" + name.strip() + "' (creatio.integration-user.name)");
            }
            user = userOf(rows.getJsonObject(0), IntegrationUser.FROM_CONFIGURED_NAME);
        }
        Log.infof("The integration user is %s '%s' (found by %s), its contact %s", user.sysAdminUnitId(), user.name(), user.source(),
                user.contactId());
        return user;
    }

    private static IntegrationUser userOf(JsonObject row, String source) {
        UUID id = UUID.fromString(row.getString("Id"));
        String contact = row.getString("ContactId");
        if (contact == null || contact.isBlank() || NO_CONTACT.equals(UUID.fromString(contact))) {
            throw notFound("the integration user " + id + " has no contact");
        }
        return new IntegrationUser(id, row.getString("Name"), UUID.fromString(contact), source);
    }

    /** The {@code prop:SysAdminUnitId} claim of a JWT access token; empty for an opaque token or one without it. */
    static Optional<UUID> sysAdminUnitIdOf(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            // the token came straight from the identity service over its own connection: only its claims are read here
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String id = claims.getString(CLAIM);
            return id == null || id.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(id.strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static CreatioException notFound(String message) {
        return new CreatioException(ErrorCode.CREATIO_NOT_FOUND, 0, message);
    }
}
