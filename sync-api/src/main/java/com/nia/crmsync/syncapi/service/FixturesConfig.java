package com.nia.crmsync.syncapi.service;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Demo data loaded at start-up ({@code sync-api.fixtures.*}); the local stack sets it, nothing else does. */
@ConfigMapping(prefix = "sync-api.fixtures")
public interface FixturesConfig {

    /** A fixture file to load at every start (idempotent: records already there are left alone); default none. */
    Optional<String> load();
}
