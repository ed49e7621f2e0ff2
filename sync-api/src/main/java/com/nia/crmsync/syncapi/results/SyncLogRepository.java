package com.nia.crmsync.syncapi.results;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** The sync log. */
@ApplicationScoped
public class SyncLogRepository implements PanacheRepository<SyncLogEntry> {
}
