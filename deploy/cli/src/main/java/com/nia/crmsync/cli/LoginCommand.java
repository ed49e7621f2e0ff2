package com.nia.crmsync.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import com.nia.crmsync.cli.auth.CachedToken;
import com.nia.crmsync.cli.auth.OidcProvider;
import com.nia.crmsync.cli.auth.TokenCache;

/**
 * {@code crm-sync login}: a token from NIA's OpenID provider, cached (mode 600) in the user's
 * configuration directory and renewed when it expires. With a client secret the
 * client-credentials grant (a service account); without, the device-authorization grant for a
 * person (open the URL it prints, confirm the code). {@code --logout} forgets the cached token.
 */
@Command(name = "login", mixinStandardHelpOptions = true, description = "Sign in at the OpenID provider and cache the token (mode 600).")
final class LoginCommand implements Callable<Integer> {

    /** The local stack's realm, when neither {@code --issuer} nor {@code CRM_SYNC_ISSUER} says otherwise. */
    static final String DEFAULT_ISSUER = "http://127.0.0.1:8180/realms/nia";
    /** The realm's public client for people at a terminal. */
    static final String DEFAULT_CLIENT = "nia-cli";

    @ParentCommand
    CrmSync root;

    @Option(names = "--issuer", paramLabel = "URL", description = "The provider's realm (default: $CRM_SYNC_ISSUER, else " + DEFAULT_ISSUER + ").")
    String issuer;

    @Option(names = "--client-id", paramLabel = "ID", description = "The client (default: $CRM_SYNC_CLIENT_ID, else " + DEFAULT_CLIENT + ").")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET", interactive = true, arity = "0..1",
            description = "Use the client-credentials grant with this secret (default: $CRM_SYNC_CLIENT_SECRET; without a value: asked).")
    String clientSecret;

    @Option(names = "--logout", description = "Forget the cached token.")
    boolean logout;

    @Override
    public Integer call() throws InterruptedException {
        TokenCache cache = root.tokenCache();
        if (logout) {
            cache.clear();
            return done(Map.of("logged_out", true, "cache", cache.file().toString()), "Signed out: " + cache.file() + " removed\n");
        }
        OidcProvider provider = new OidcProvider(issuer != null ? issuer : root.console().env("CRM_SYNC_ISSUER", DEFAULT_ISSUER), root.clock());
        String client = clientId != null ? clientId : root.console().env("CRM_SYNC_CLIENT_ID", DEFAULT_CLIENT);
        String secret = clientSecret != null ? clientSecret : root.console().env("CRM_SYNC_CLIENT_SECRET", null);
        CachedToken token = secret != null ? provider.clientCredentials(client, secret)
                : provider.device(client, line -> {
                    root.console().err().println(line);
                    root.console().err().flush();
                });
        cache.write(token);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("issuer", token.issuer());
        summary.put("client_id", token.clientId());
        summary.put("grant", token.grant());
        summary.put("expires_at", token.expiresAt());
        summary.put("renewable", token.refreshToken() != null || OidcProvider.CLIENT_CREDENTIALS.equals(token.grant()));
        summary.put("cache", cache.file().toString());
        return done(summary, "Signed in at " + token.issuer() + " as client " + token.clientId() + "; token cached in " + cache.file()
                + " until " + token.expiresAt() + (token.refreshToken() != null ? " (renewed automatically)" : "") + "\n");
    }

    private int done(Map<String, Object> summary, String human) {
        if (root.json()) {
            root.printJson(summary);
        } else {
            root.console().out().print(human);
            root.console().out().flush();
        }
        return ExitCodes.OK;
    }
}
