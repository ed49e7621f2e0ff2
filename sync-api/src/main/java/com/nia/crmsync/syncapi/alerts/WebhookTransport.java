package com.nia.crmsync.syncapi.alerts;

/** Sends one JSON body to the webhook; the HTTP status, or an exception when no answer came. */
@FunctionalInterface
public interface WebhookTransport {

    int post(String json) throws Exception;
}
