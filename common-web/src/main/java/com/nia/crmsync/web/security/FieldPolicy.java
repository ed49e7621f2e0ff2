package com.nia.crmsync.web.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.type.MapType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.StdConverter;

/**
 * Field-level rules, stated once: which fields only some roles may see, whatever view shows them
 * (records, logs, plans, conflicts). Applied to every JSON response of a service by
 * {@link FieldPolicyMapperResolver}: a bean property or a map key with a sensitive name is left
 * out when the caller has none of the roles allowed to see it. Code that builds field-by-field
 * views (a conflict names its field in a value) asks {@link #visible(String, Set)}.
 */
public final class FieldPolicy {

    /** Field name → the roles that may see it. A field not listed here is visible to every role. */
    public static final Map<String, Set<String>> SENSITIVE = Map.of(
            "budget", Set.of(Roles.OPERATOR, Roles.ADMIN, Roles.SYNC_SERVICE),
            "estimatedBudget", Set.of(Roles.OPERATOR, Roles.ADMIN, Roles.SYNC_SERVICE));

    private FieldPolicy() {
    }

    /** Whether a caller with these roles may see the field. */
    public static boolean visible(String field, Set<String> callerRoles) {
        Set<String> allowed = SENSITIVE.get(field);
        return allowed == null || callerRoles.stream().anyMatch(allowed::contains);
    }

    /** A Jackson module that applies the policy for the roles {@code callerRoles} returns at write time. */
    public static SimpleModule module(Supplier<Set<String>> callerRoles) {
        SimpleModule module = new SimpleModule("nia-field-policy");
        module.setSerializerModifier(new Modifier(callerRoles));
        return module;
    }

    private static final class Modifier extends BeanSerializerModifier {
        private final Supplier<Set<String>> callerRoles;

        Modifier(Supplier<Set<String>> callerRoles) {
            this.callerRoles = callerRoles;
        }

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean, List<BeanPropertyWriter> writers) {
            // a list Jackson may still add to (it appends the any-getter of a bean with extension members)
            return writers.stream()
                    .map(w -> SENSITIVE.containsKey(w.getName()) ? (BeanPropertyWriter) new GuardedWriter(w, callerRoles) : w)
                    .collect(Collectors.toCollection(ArrayList::new));
        }

        @Override
        public JsonSerializer<?> modifyMapSerializer(SerializationConfig config, MapType type, BeanDescription bean, JsonSerializer<?> serializer) {
            return new StdDelegatingSerializer(new GuardedMap(callerRoles, type), type, serializer);
        }
    }

    /** Writes the property only for callers allowed to see it. */
    private static final class GuardedWriter extends BeanPropertyWriter {
        private final transient Supplier<Set<String>> callerRoles;

        GuardedWriter(BeanPropertyWriter base, Supplier<Set<String>> callerRoles) {
            super(base);
            this.callerRoles = callerRoles;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            if (visible(getName(), callerRoles.get())) {
                super.serializeAsField(bean, gen, prov);
            }
        }
    }

    /** Passes a map on without the keys the caller may not see (snapshots and plans are maps of field → value). */
    private static final class GuardedMap extends StdConverter<Object, Object> {
        private final Supplier<Set<String>> callerRoles;
        private final JavaType type;

        GuardedMap(Supplier<Set<String>> callerRoles, JavaType type) {
            this.callerRoles = callerRoles;
            this.type = type;
        }

        @Override
        public Object convert(Object value) {
            Map<?, ?> map = (Map<?, ?>) value;
            if (map.keySet().stream().noneMatch(k -> k instanceof String s && SENSITIVE.containsKey(s))) {
                return map;
            }
            Set<String> roles = callerRoles.get();
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String s) || visible(s, roles)) {
                    copy.put(k, v);
                }
            });
            return copy;
        }

        @Override
        public JavaType getInputType(TypeFactory typeFactory) {
            return type;
        }

        @Override
        public JavaType getOutputType(TypeFactory typeFactory) {
            return type;
        }
    }
}
