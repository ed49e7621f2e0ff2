package com.nia.crmsync.client.model;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record of the dead-letter topic ({@code GET /api/v1/crm/dead-letters}): {@code id} is
 * {@code <partition>:<offset>} in that topic; where it came from, why, and how often it was
 * replayed ({@code attempt}). One dead letter ({@code /dead-letters/{id}}) adds its headers and
 * the original value (a JSON object, else a string; base64 when {@code valueEncoding} says so).
 */
public record DeadLetter(String id, int partition, long offset, String key, String originTopic, Integer originPartition,
        Long originOffset, String reason, String cause, String exceptionClass, String eventType, String eventId, int attempt,
        Instant deadLetteredAt, Instant replayedAt, Map<String, String> headers, JsonNode value, String valueEncoding) {
}
