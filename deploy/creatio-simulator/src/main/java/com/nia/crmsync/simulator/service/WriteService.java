package com.nia.crmsync.simulator.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;

import com.nia.crmsync.simulator.odata.Column;
import com.nia.crmsync.simulator.odata.CreatioIds;
import com.nia.crmsync.simulator.odata.EntityType;
import com.nia.crmsync.simulator.odata.ODataException;
import com.nia.crmsync.simulator.odata.ODataNames;
import com.nia.crmsync.simulator.odata.Values;
import com.nia.crmsync.simulator.store.DataStore;
import com.nia.crmsync.simulator.store.Entity;

/**
 * Creates, updates and deletes rows as Creatio does (creatio-api.md §2.3, §4): the server keeps
 * {@code Id} (a client-supplied one is kept, a duplicate fails), {@code CreatedOn/By} and
 * {@code ModifiedOn/By} (every write bumps them), fills server-side defaults (activity
 * status/priority/category/type, lead qualify status and register method, contact name split,
 * owner = the writing user's contact) and rejects a row missing a required column. A text value
 * longer than its column's size fails as the database fails it (quirk {@code textTooLongIs500}): 500,
 * "String or binary data would be truncated in table …, column …".
 * A write can also be committed later than its {@code ModifiedOn}, like a slow transaction.
 */
@ApplicationScoped
public class WriteService {

    /** Columns the server keeps; values sent by clients are ignored, as Creatio does. */
    private static final Set<String> SERVER_COLUMNS = Set.of(EntityType.CREATED_ON,
            EntityType.CREATED_BY_ID, EntityType.MODIFIED_ON, EntityType.MODIFIED_BY_ID, EntityType.PROCESS_LISTENERS);

    private final DataStore store;
    private final SimClock clock;
    private final QuirkSettings quirks;
    private final ScheduledExecutorService laterCommits = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sim-late-commits");
        thread.setDaemon(true);
        return thread;
    });

    public WriteService(DataStore store, SimClock clock, QuirkSettings quirks) {
        this.store = store;
        this.clock = clock;
        this.quirks = quirks;
    }

    @PreDestroy
    void stop() {
        laterCommits.shutdownNow();
    }

    /** Creates a row; returns it as stored. */
    public Entity create(EntityType type, JsonNode body, UUID userContact) {
        Entity row = prepareCreate(type, body, userContact);
        return store.write(() -> {
            insert(type, row);
            return row;
        });
    }

    /** Updates a row (PATCH semantics: only the columns sent change). */
    public Entity update(EntityType type, UUID id, JsonNode body, UUID userContact) {
        return store.write(() -> {
            Entity row = prepareUpdate(type, id, body, userContact);
            store.put(type.name(), row);
            return row;
        });
    }

    /** Hard-deletes a row. */
    public void delete(EntityType type, UUID id) {
        store.write(() -> {
            if (store.remove(type.name(), id) == null) {
                throw notFound(type, id);
            }
            return null;
        });
    }

    /**
     * Prepares a write now (stamping {@code ModifiedOn} with the current time) and makes it
     * visible only after {@code delayMs}, as a slow transaction would: an incremental pull running
     * in between misses it unless its overlap window is wide enough.
     */
    public Entity createLater(EntityType type, JsonNode body, UUID userContact, long delayMs) {
        Entity row = prepareCreate(type, body, userContact);
        later(delayMs, () -> insert(type, row));
        return row;
    }

    public Entity updateLater(EntityType type, UUID id, JsonNode body, UUID userContact, long delayMs) {
        Entity row = store.write(() -> prepareUpdate(type, id, body, userContact));
        later(delayMs, () -> store.put(type.name(), row));
        return row;
    }

    public void deleteLater(EntityType type, UUID id, long delayMs) {
        if (store.find(type.name(), id) == null) {
            throw notFound(type, id);
        }
        later(delayMs, () -> store.remove(type.name(), id));
    }

    /** Inserts a prepared row; call under the store's lock. */
    private void insert(EntityType type, Entity row) {
        if (store.find(type.name(), row.id()) != null) {
            // Creatio surfaces the database's primary-key violation as a server error.
            throw ODataException.serverError("23505: duplicate key value violates unique constraint \"PK"
                    + type.name() + "Id\" (Id " + row.id() + ")");
        }
        store.put(type.name(), row);
    }

    private void later(long delayMs, Runnable commit) {
        laterCommits.schedule(() -> {
            try {
                store.write(() -> {
                    commit.run();
                    return null;
                });
            } catch (RuntimeException e) {
                Log.warnf("A delayed commit failed: %s", e.getMessage());
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private Entity prepareCreate(EntityType type, JsonNode body, UUID userContact) {
        Object[] values = new Object[type.columns().size()];
        requireObject(body);
        applyBody(type, values, body, true);
        checkSizes(type, values, body);
        if (values[Entity.ID] == null) {
            values[Entity.ID] = UUID.randomUUID();
        }
        Instant now = clock.now();
        values[Entity.CREATED_ON] = now;
        values[Entity.MODIFIED_ON] = now;
        values[Entity.CREATED_BY_ID] = userContact;
        values[Entity.MODIFIED_BY_ID] = userContact;
        applyDefaults(type, values, body, userContact);
        checkRequired(type, values);
        return new Entity(values);
    }

    private Entity prepareUpdate(EntityType type, UUID id, JsonNode body, UUID userContact) {
        Entity existing = store.find(type.name(), id);
        if (existing == null) {
            throw notFound(type, id);
        }
        requireObject(body);
        Object[] values = existing.copyValues();
        applyBody(type, values, body, false);
        checkSizes(type, values, body);
        if (!id.equals(values[Entity.ID])) {
            throw ODataException.badRequest("The key property 'Id' cannot be changed.");
        }
        values[Entity.MODIFIED_ON] = clock.now();
        values[Entity.MODIFIED_BY_ID] = userContact;
        checkRequired(type, values);
        return new Entity(values);
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ODataException.badRequest("The request body must be a JSON object.");
        }
    }

    private static void applyBody(EntityType type, Object[] values, JsonNode body, boolean creating) {
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.endsWith("@odata.bind")) {
                bind(type, values, name.substring(0, name.length() - "@odata.bind".length()), field.getValue());
                continue;
            }
            if (name.startsWith("@") || name.contains("@odata.")) {
                continue;
            }
            Column column = type.column(name);
            if (column == null) {
                throw ODataException.badRequest("The property '" + name + "' does not exist on type '"
                        + ODataNames.qualified(type.name())
                        + "'. Make sure to only use property names that are defined by the type.");
            }
            if (SERVER_COLUMNS.contains(name) || !creating && name.equals(EntityType.ID)
                    && field.getValue().asText().equalsIgnoreCase(String.valueOf(values[Entity.ID]))) {
                continue;
            }
            values[column.ordinal()] = Values.fromJson(column, field.getValue());
        }
    }

    /**
     * Text longer than its column fails in the database, and Creatio answers with the database's
     * error (SQL Server's wording; PostgreSQL says "value too long for type character varying(n)").
     */
    private void checkSizes(EntityType type, Object[] values, JsonNode body) {
        if (!quirks.textTooLongIs500()) {
            return;
        }
        for (Column column : type.columns()) {
            Object value = values[column.ordinal()];
            if (column.maxLength() != null && body.has(column.name()) && value instanceof String text
                    && text.length() > column.maxLength()) {
                throw ODataException.serverError("String or binary data would be truncated in table 'dbo." + type.name()
                        + "', column '" + column.name() + "'. The column holds " + column.maxLength()
                        + " characters, the value has " + text.length() + ".");
            }
        }
    }

    /** {@code "Owner@odata.bind": "Contact(<id>)"} sets {@code OwnerId}. */
    private static void bind(EntityType type, Object[] values, String navigation, JsonNode target) {
        Column lookup = type.navigation(navigation);
        String text = target == null ? "" : target.asText();
        int open = text.lastIndexOf('(');
        UUID id = open >= 0 && text.endsWith(")") ? Values.parseGuid(text.substring(open + 1, text.length() - 1)) : null;
        if (lookup == null || id == null) {
            throw ODataException.badRequest("Cannot bind '" + navigation + "' to '" + text + "'.");
        }
        values[lookup.ordinal()] = id;
    }

    private static void applyDefaults(EntityType type, Object[] values, JsonNode body, UUID userContact) {
        setIfEmpty(type, values, "OwnerId", userContact);
        switch (type.name()) {
            case "Lead":
                setIfEmpty(type, values, "QualifyStatusId", CreatioIds.QUALIFY_QUALIFICATION);
                setIfEmpty(type, values, "RegisterMethodId", CreatioIds.REGISTER_METHOD_MANUAL);
                break;
            case "Contact":
                splitName(type, values);
                if (!body.has("Confirmed")) {
                    values[type.ordinal("Confirmed")] = Boolean.TRUE;
                }
                break;
            case "Activity":
                setIfEmpty(type, values, "AuthorId", userContact);
                setIfEmpty(type, values, "StatusId", CreatioIds.STATUS_NOT_STARTED);
                setIfEmpty(type, values, "PriorityId", CreatioIds.PRIORITY_MEDIUM);
                setIfEmpty(type, values, "ActivityCategoryId", CreatioIds.CATEGORY_TODO);
                setIfEmpty(type, values, "TypeId", CreatioIds.ACTIVITY_TYPE_TASK);
                break;
            case "ActivityParticipant":
                setIfEmpty(type, values, "RoleId", CreatioIds.ROLE_PARTICIPANT);
                break;
            default:
                break;
        }
    }

    /** {@code Name "John Best"} → {@code GivenName "John"}, {@code Surname "Best"} (and back when only the parts come). */
    private static void splitName(EntityType type, Object[] values) {
        int name = type.ordinal("Name");
        int given = type.ordinal("GivenName");
        int middle = type.ordinal("MiddleName");
        int surname = type.ordinal("Surname");
        if (values[name] != null && values[given] == null && values[surname] == null) {
            String[] parts = ((String) values[name]).trim().split("\\s+");
            if (parts.length == 1) {
                values[given] = parts[0];
            } else {
                values[given] = parts[0];
                values[surname] = parts[parts.length - 1];
                if (parts.length > 2 && values[middle] == null) {
                    values[middle] = String.join(" ", Arrays.copyOfRange(parts, 1, parts.length - 1));
                }
            }
        } else if (values[name] == null && (values[given] != null || values[surname] != null)) {
            values[name] = ((values[given] == null ? "" : values[given]) + " "
                    + (values[surname] == null ? "" : values[surname])).trim();
        }
    }

    private static void setIfEmpty(EntityType type, Object[] values, String column, Object value) {
        Column target = type.column(column);
        if (target != null && values[target.ordinal()] == null) {
            values[target.ordinal()] = value;
        }
    }

    private static void checkRequired(EntityType type, Object[] values) {
        for (Column column : type.columns()) {
            if (column.required() && values[column.ordinal()] == null) {
                throw ODataException.badRequest("Column \"" + column.name() + "\" of object \"" + type.name()
                        + "\" must be filled in.");
            }
        }
    }

    private static ODataException notFound(EntityType type, UUID id) {
        return ODataException.notFound("No " + type.name() + " with Id " + id + ".");
    }
}
