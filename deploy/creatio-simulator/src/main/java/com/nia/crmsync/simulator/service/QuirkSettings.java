package com.nia.crmsync.simulator.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.simulator.config.SimulatorConfig;

/**
 * The current state of Creatio's quirks, starting from configuration and switchable at runtime
 * through {@code PUT /sim/quirks} so tests need no extra Quarkus profile per quirk.
 */
@ApplicationScoped
public class QuirkSettings {

    /** A snapshot of every quirk; also the body of {@code GET/PUT /sim/quirks} (absent fields keep their value). */
    public record Snapshot(Boolean quotedDatetimeIs400, Boolean scalarLookupFilterIs500, Boolean tooManyRowsIs500,
            Boolean unknownEntitySetIs401, Integer noODataPermissionStatus, Boolean textTooLongIs500) {
    }

    private final SimulatorConfig.Quirks defaults;
    private volatile Snapshot current;

    public QuirkSettings(SimulatorConfig config) {
        this.defaults = config.quirks();
        reset();
    }

    public Snapshot current() {
        return current;
    }

    public boolean quotedDatetimeIs400() {
        return current.quotedDatetimeIs400();
    }

    public boolean scalarLookupFilterIs500() {
        return current.scalarLookupFilterIs500();
    }

    public boolean tooManyRowsIs500() {
        return current.tooManyRowsIs500();
    }

    public boolean unknownEntitySetIs401() {
        return current.unknownEntitySetIs401();
    }

    public int noODataPermissionStatus() {
        return current.noODataPermissionStatus();
    }

    public boolean textTooLongIs500() {
        return current.textTooLongIs500();
    }

    public synchronized Snapshot update(Snapshot change) {
        Snapshot old = current;
        current = new Snapshot(
                change.quotedDatetimeIs400() != null ? change.quotedDatetimeIs400() : old.quotedDatetimeIs400(),
                change.scalarLookupFilterIs500() != null ? change.scalarLookupFilterIs500()
                        : old.scalarLookupFilterIs500(),
                change.tooManyRowsIs500() != null ? change.tooManyRowsIs500() : old.tooManyRowsIs500(),
                change.unknownEntitySetIs401() != null ? change.unknownEntitySetIs401() : old.unknownEntitySetIs401(),
                change.noODataPermissionStatus() != null ? change.noODataPermissionStatus()
                        : old.noODataPermissionStatus(),
                change.textTooLongIs500() != null ? change.textTooLongIs500() : old.textTooLongIs500());
        return current;
    }

    public synchronized void reset() {
        current = new Snapshot(defaults.quotedDatetimeIs400(), defaults.scalarLookupFilterIs500(),
                defaults.tooManyRowsIs500(), defaults.unknownEntitySetIs401(), defaults.noODataPermissionStatus(),
                defaults.textTooLongIs500());
    }
}
