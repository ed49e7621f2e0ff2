package com.nia.crmsync.syncapi.deadletters;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a dead letter is on {@code crm.sync.dlq.v1}: its partition and offset, written {@code <partition>:<offset>}. */
public record DeadLetterId(int partition, long offset) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9}):(\\d{1,18})");

    /** The id a text names, or empty when it is not {@code <partition>:<offset>}. */
    public static Optional<DeadLetterId> parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.strip());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetterId(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
