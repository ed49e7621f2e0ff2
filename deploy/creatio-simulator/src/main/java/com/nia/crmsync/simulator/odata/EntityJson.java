package com.nia.crmsync.simulator.odata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import com.nia.crmsync.simulator.store.Entity;

/**
 * Writes entities in Creatio's wire form (creatio-api.md §2.2): {@code @odata.context}, every
 * column present, empty values as zero GUID / {@code ""} / {@code 0001-01-01T00:00:00Z} / 0 /
 * false, never {@code null}, datetimes with up to 7 fractional digits. Streaming, so a
 * 20,000-row page does not build a tree first.
 */
public final class EntityJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private EntityJson() {
    }

    /** How to render one response. */
    public record Shape(List<Column> select, List<ODataQuery.Expansion> expand, boolean decimalsAsStrings,
            FilterParser.RowLookup rows) {
    }

    public static byte[] collection(String context, EntityType type, List<Entity> rows, Long count, Shape shape) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", context);
            if (count != null) {
                g.writeNumberField("@odata.count", count);
            }
            g.writeArrayFieldStart("value");
            for (Entity row : rows) {
                g.writeStartObject();
                fields(g, type, row, shape.select(), shape.expand(), shape);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public static byte[] single(String context, EntityType type, Entity row, Shape shape) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", context);
            fields(g, type, row, shape.select(), shape.expand(), shape);
            g.writeEndObject();
        });
    }

    /** {@code {"@odata.context":..., "value": <property value>}} for a property read. */
    public static byte[] property(String context, Column column, Object value, boolean decimalsAsStrings) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", context);
            g.writeFieldName("value");
            value(g, column.type(), value, decimalsAsStrings);
            g.writeEndObject();
        });
    }

    /** The raw text of a property ({@code /$value}). */
    public static String raw(Column column, Object value) {
        Object shown = Values.orEmpty(value, column.type());
        return shown instanceof Instant ? CreatioTime.format((Instant) shown) : shown.toString();
    }

    private static void fields(JsonGenerator g, EntityType type, Entity row, List<Column> select,
            List<ODataQuery.Expansion> expand, Shape shape) throws IOException {
        for (Column column : select == null ? type.columns() : select) {
            g.writeFieldName(column.name());
            value(g, column.type(), row.get(column.ordinal()), shape.decimalsAsStrings());
        }
        for (ODataQuery.Expansion expansion : expand) {
            g.writeFieldName(expansion.lookup().navigationName());
            UUID id = (UUID) row.get(expansion.lookup().ordinal());
            Entity related = id == null ? null : shape.rows().find(expansion.target().name(), id);
            if (related == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                fields(g, expansion.target(), related, expansion.select(), List.of(), shape);
                g.writeEndObject();
            }
        }
    }

    private static void value(JsonGenerator g, EdmType type, Object stored, boolean decimalsAsStrings)
            throws IOException {
        Object value = Values.orEmpty(stored, type);
        switch (type) {
            case GUID:
            case STRING:
                g.writeString(value.toString());
                break;
            case DATETIME:
                g.writeString(CreatioTime.format((Instant) value));
                break;
            case BOOLEAN:
                g.writeBoolean((Boolean) value);
                break;
            case INT32:
                g.writeNumber((Integer) value);
                break;
            case DECIMAL:
                if (decimalsAsStrings) {
                    g.writeString(((BigDecimal) value).toPlainString());
                } else {
                    g.writeNumber((BigDecimal) value);
                }
                break;
            default:
                throw new IllegalStateException(type.name());
        }
    }

    /** Writes a JSON document with a streaming generator. */
    public interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    public static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            body.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Creatio's error envelope (creatio-api.md §4.4). */
    public static byte[] error(ODataException error) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", "");
            g.writeStringField("message", error.getMessage());
            g.writeObjectFieldStart("innererror");
            g.writeStringField("message", error.innerMessage() == null ? "" : error.innerMessage());
            g.writeStringField("type", "");
            g.writeStringField("stacktrace", "");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
