package com.nia.crmsync.model.command;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.wire.WireEnum;

/**
 * The two command lanes. Real-time work (a meeting that just ended, one lead, a resolution) never
 * queues behind a bulk resync: it has its own topic, and the gateway serves it first, told by the
 * {@link #HTTP_HEADER} the worker forwards on every call.
 */
public enum Lane implements WireEnum {
    /** Interactive work, on {@link Topics#COMMANDS_REALTIME}. */
    REALTIME(Topics.COMMANDS_REALTIME),
    /** Resyncs and pulls, on {@link Topics#COMMANDS_BULK}. */
    BULK(Topics.COMMANDS_BULK);

    /** The HTTP header that carries the lane from the worker to the gateway. */
    public static final String HTTP_HEADER = "X-Sync-Lane";

    private final String topic;

    Lane(String topic) {
        this.topic = topic;
    }

    /** The command topic of this lane. */
    public String topic() {
        return topic;
    }

    /** Reads a wire name. */
    public static Lane fromWire(String wire) {
        return WireEnum.fromWire(Lane.class, wire);
    }
}
