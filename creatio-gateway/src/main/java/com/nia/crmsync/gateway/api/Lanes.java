package com.nia.crmsync.gateway.api;

import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.model.command.Lane;

/**
 * Reads the lane header ({@link Lane#HTTP_HEADER}) the worker forwards from its command. Without
 * it a call is bulk: only a caller that says so may go ahead of queued bulk work.
 */
final class Lanes {

    private Lanes() {
    }

    static Lane of(String header) {
        if (header == null || header.isBlank()) {
            return Lane.BULK;
        }
        try {
            return Lane.fromWire(header.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (RuntimeException unknown) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, Lane.HTTP_HEADER + " must be realtime or bulk");
        }
    }
}
