package com.nia.crmsync.model.gateway;

import java.util.UUID;

/**
 * What became of one batch item: {@code ok}, Creatio's status for it, and for a failure the
 * stable error code and sanitised message; {@code verifiedByRead} marks a create whose failure was
 * checked by reading its {@code Id} back and found (so it is created).
 */
public record ItemOutcome(int index, String op, String set, UUID id, boolean ok, int creatioStatus, String code, String message,
        boolean verifiedByRead) {
}
