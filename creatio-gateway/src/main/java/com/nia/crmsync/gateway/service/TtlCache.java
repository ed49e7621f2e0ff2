package com.nia.crmsync.gateway.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small cache whose entries live for a fixed time after they were loaded; a miss loads under
 * the key's lock, so concurrent callers of one key cause one Creatio call, not many.
 */
public final class TtlCache<K, V> {

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public TtlCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The cached value, or the loaded one (a failed load caches nothing). */
    public V get(K key, Function<K, V> loader) {
        Instant now = clock.instant();
        return entries.compute(key, (k, cached) -> cached != null && now.isBefore(cached.expiresAt())
                ? cached
                : new Entry<>(loader.apply(k), now.plus(ttl))).value();
    }

    public void clear() {
        entries.clear();
    }
}
