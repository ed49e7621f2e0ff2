package com.nia.crmsync.simulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.odata.CreatioIds;

/**
 * The OAuth clients ("Server-to-server" integrations) registered in the simulated Creatio, read
 * from {@code simulator.identity.clients} ({@code clientId:secret} pairs). Each gets a technical
 * user; whether that user holds the {@code CanUseODataService} operation is switchable at runtime.
 */
@ApplicationScoped
public class ClientRegistry {

    private final Map<String, String> secrets;
    private final Map<String, TechnicalUser> users;
    private final Set<String> withoutODataAccess = ConcurrentHashMap.newKeySet();

    public ClientRegistry(SimulatorConfig config) {
        Map<String, String> byId = new LinkedHashMap<>();
        Map<String, TechnicalUser> technicalUsers = new LinkedHashMap<>();
        for (String pair : config.identity().clients()) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                // The value is not echoed: it holds a secret.
                throw new IllegalArgumentException("simulator.identity.clients entries must look like clientId:secret");
            }
            String clientId = pair.substring(0, colon).trim();
            byId.put(clientId, pair.substring(colon + 1).trim());
            technicalUsers.put(clientId, userFor(clientId));
        }
        this.secrets = Collections.unmodifiableMap(byId);
        this.users = Collections.unmodifiableMap(technicalUsers);
        Log.infof("Registered OAuth clients: %s", byId.keySet());
    }

    /** The technical user of a client whose secret matches, or {@code null}; compared in constant time. */
    public TechnicalUser authenticate(String clientId, String secret) {
        String expected = secrets.get(clientId);
        if (expected == null || secret == null) {
            return null;
        }
        boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
        return same ? users.get(clientId) : null;
    }

    /** The technical user of a known client, or one made up for a client of an external issuer. */
    public TechnicalUser user(String clientId) {
        TechnicalUser known = users.get(clientId);
        return known != null ? known : userFor(clientId);
    }

    public Collection<TechnicalUser> users() {
        return users.values();
    }

    public boolean hasODataAccess(String clientId) {
        return !withoutODataAccess.contains(clientId);
    }

    public void setODataAccess(String clientId, boolean allowed) {
        if (allowed) {
            withoutODataAccess.remove(clientId);
        } else {
            withoutODataAccess.add(clientId);
        }
    }

    public void reset() {
        withoutODataAccess.clear();
    }

    private static TechnicalUser userFor(String clientId) {
        return new TechnicalUser(clientId, CreatioIds.named("sys-admin-unit:" + clientId), CreatioIds.named("technical-user:" + clientId),
                clientId + " (integration)");
    }
}
