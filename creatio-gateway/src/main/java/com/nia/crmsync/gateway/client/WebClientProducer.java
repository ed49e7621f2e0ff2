package com.nia.crmsync.gateway.client;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

import com.nia.crmsync.gateway.config.GatewayConfig;

/**
 * The one HTTP client to Creatio and its identity service, on Quarkus' own Vert.x: a pool of
 * keep-alive connections sized by {@code creatio.http.max-connections}, so calls reuse TLS
 * sessions instead of paying a handshake each.
 */
public class WebClientProducer {

    @Produces
    @Singleton
    WebClient creatioWebClient(Vertx vertx, GatewayConfig config) {
        WebClientOptions options = new WebClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(config.http().maxConnections())
                .setConnectTimeout((int) config.http().connectTimeout().toMillis())
                .setFollowRedirects(false)
                .setUserAgent("nia-creatio-gateway");
        return WebClient.create(vertx, options);
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}
