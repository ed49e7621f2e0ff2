package com.nia.crmsync.simulator.store;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.simulator.odata.EntityModel;
import com.nia.crmsync.simulator.odata.EntityType;

/**
 * The in-memory database: one {@link EntityTable} per entity set. Every mutation runs under one
 * write lock, so a duplicate-id check and its insert are atomic and a {@code $batch} atomicity
 * group can run as a transaction with an undo log. Reads never take the lock.
 */
@ApplicationScoped
public class DataStore {

    private final Map<String, EntityTable> tables;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    public DataStore(EntityModel model) {
        Map<String, EntityTable> byName = new LinkedHashMap<>();
        for (EntityType type : model.types()) {
            byName.put(type.name(), new EntityTable(type));
        }
        this.tables = Collections.unmodifiableMap(byName);
    }

    public EntityTable table(String entitySet) {
        return tables.get(entitySet);
    }

    public Map<String, EntityTable> tables() {
        return tables;
    }

    public Entity find(String entitySet, UUID id) {
        EntityTable table = tables.get(entitySet);
        return table == null ? null : table.get(id);
    }

    /** Runs {@code work} under the write lock; other writers wait. */
    public <T> T write(Supplier<T> work) {
        writeLock.lock();
        try {
            return work.get();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code work} as one transaction: under the write lock, and if it throws, every change it
     * made is undone before the exception leaves.
     */
    public <T> T transaction(Supplier<T> work) {
        writeLock.lock();
        Deque<Runnable> previous = undoLog.get();
        Deque<Runnable> log = new ArrayDeque<>();
        undoLog.set(log);
        try {
            return work.get();
        } catch (RuntimeException e) {
            while (!log.isEmpty()) {
                log.pop().run();
            }
            throw e;
        } finally {
            undoLog.set(previous);
            writeLock.unlock();
        }
    }

    /** Inserts or replaces a row; call under {@link #write} or {@link #transaction}. */
    public Entity put(String entitySet, Entity entity) {
        EntityTable table = tables.get(entitySet);
        Entity old = table.put(entity);
        remember(() -> {
            if (old == null) {
                table.remove(entity.id());
            } else {
                table.put(old);
            }
        });
        return old;
    }

    /** Deletes a row; call under {@link #write} or {@link #transaction}. */
    public Entity remove(String entitySet, UUID id) {
        EntityTable table = tables.get(entitySet);
        Entity old = table.remove(id);
        if (old != null) {
            remember(() -> table.put(old));
        }
        return old;
    }

    /** Empties every table. */
    public void clear() {
        write(() -> {
            tables.values().forEach(EntityTable::clear);
            return null;
        });
    }

    private void remember(Runnable undo) {
        Deque<Runnable> log = undoLog.get();
        if (log != null) {
            log.push(undo);
        }
    }
}
