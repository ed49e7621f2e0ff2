package com.nia.crmsync.conflict.service;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.messaging.ConfigurationView;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.web.security.FieldPolicy;

/**
 * Whether a caller may see a conflict's values. A conflict names its field as a value (the Creatio
 * column, e.g. {@code Budget}), which the JSON-wide field policy cannot see, so this asks
 * {@link FieldPolicy#visible} for every name the field goes by: the column itself, its lower-camel
 * form, and the NIA field(s) the configuration maps it to ({@code budget}).
 */
@ApplicationScoped
public class FieldVisibility {

    private static final CreatioConfiguration DEFAULTS = DefaultConfiguration.create();

    private final ConfigurationView config;

    public FieldVisibility(ConfigurationView config) {
        this.config = config;
    }

    /** True when the conflict's values must be hidden from a caller with these roles. */
    public boolean hidden(SyncConflict c, Set<String> roles) {
        return hidden(c.entityType, c.field, roles);
    }

    /** True when values of {@code field} (a Creatio column) of {@code entityType} must be hidden from these roles. */
    public boolean hidden(String entityType, String field, Set<String> roles) {
        if (field == null) {
            return false;
        }
        return names(entityType, field).stream().anyMatch(n -> !FieldPolicy.visible(n, roles));
    }

    private Set<String> names(String entityType, String field) {
        Set<String> names = new LinkedHashSet<>();
        names.add(field);
        names.add(field.substring(0, 1).toLowerCase(Locale.ROOT) + field.substring(1));
        CreatioConfiguration configuration = config.current().map(r -> r.configuration()).orElse(DEFAULTS);
        EntityType type;
        try {
            type = EntityType.fromWire(entityType);
        } catch (IllegalArgumentException unknown) {
            return names;
        }
        configuration.mapping(type).ifPresent(m -> m.fields().stream()
                .filter(f -> field.equals(f.creatioColumn()))
                .forEach(f -> {
                    if (f.niaField() != null) {
                        names.add(f.niaField());
                    }
                    if (f.composedOf() != null) {
                        names.addAll(f.composedOf());
                    }
                }));
        return names;
    }
}
