package com.nia.crmsync.syncapi.alerts;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The alert webhook as a REST client: one JSON POST to the configured URL. Built by {@link AlertNotifier} with the
 * URL, the timeouts and the secret header; package-private, so nothing else posts to the webhook.
 */
@RegisterRestClient(configKey = "alert-webhook")
interface WebhookRestClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response post(String json);
}
