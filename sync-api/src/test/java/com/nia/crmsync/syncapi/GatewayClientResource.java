package com.nia.crmsync.syncapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.nia.crmsync.testkit.TestIssuer;

/**
 * Points sync-api's gateway client at {@link FakeGateway} in the test application itself (so the
 * HTTP port is fixed here, on a free one) and its OIDC client at the test issuer's token
 * endpoint, which issues {@code sync-service} tokens for the test client secret.
 */
public class GatewayClientResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new HashMap<>(TestIssuer.get().clientSettings("sync-api"));
        settings.put("quarkus.http.test-port", Integer.toString(port));
        settings.put("quarkus.rest-client.creatio-gateway.url", "http://127.0.0.1:" + port + "/fake-gateway");
        return settings;
    }

    @Override
    public void stop() {
        // nothing to stop: the fake lives in the application under test
    }
}
