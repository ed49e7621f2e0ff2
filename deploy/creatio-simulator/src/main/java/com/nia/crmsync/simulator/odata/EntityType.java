package com.nia.crmsync.simulator.odata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of one simulated Creatio object (and its entity set, which has the same name):
 * ordered columns, looked up by property name or by navigation property name.
 */
public final class EntityType {

    public static final String ID = "Id";
    public static final String CREATED_ON = "CreatedOn";
    public static final String CREATED_BY_ID = "CreatedById";
    public static final String MODIFIED_ON = "ModifiedOn";
    public static final String MODIFIED_BY_ID = "ModifiedById";
    public static final String PROCESS_LISTENERS = "ProcessListeners";

    private final String name;
    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final Map<String, Column> byNavigation;

    private EntityType(String name, List<Column> columns) {
        this.name = name;
        this.columns = Collections.unmodifiableList(columns);
        Map<String, Column> names = new LinkedHashMap<>();
        Map<String, Column> navs = new LinkedHashMap<>();
        for (Column column : columns) {
            names.put(column.name(), column);
            if (column.isLookup()) {
                navs.put(column.navigationName(), column);
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byNavigation = Collections.unmodifiableMap(navs);
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    public Column column(String property) {
        return byName.get(property);
    }

    public Column navigation(String navigationProperty) {
        return byNavigation.get(navigationProperty);
    }

    public Map<String, Column> navigations() {
        return byNavigation;
    }

    public int ordinal(String property) {
        return byName.get(property).ordinal();
    }

    /** Builds an entity type; the BaseEntity columns come first, as on every Creatio object. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects columns in declaration order. */
    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
            add(ID, EdmType.GUID, null, true);
            add(CREATED_ON, EdmType.DATETIME, null, false);
            add(CREATED_BY_ID, EdmType.GUID, "Contact", false);
            add(MODIFIED_ON, EdmType.DATETIME, null, false);
            add(MODIFIED_BY_ID, EdmType.GUID, "Contact", false);
            add(PROCESS_LISTENERS, EdmType.INT32, null, false);
        }

        /** Marks the type as a lookup table and adds BaseLookup's {@code Name} and {@code Description} (MediumText). */
        public Builder lookupTable() {
            add("Name", EdmType.STRING, null, true, Column.MEDIUM_TEXT);
            add("Description", EdmType.STRING, null, false, Column.MEDIUM_TEXT);
            return this;
        }

        public Builder add(String column, EdmType type, String lookupSet, boolean required) {
            return add(column, type, lookupSet, required, null);
        }

        /** Adds a column; {@code maxLength} is a text column's size, {@code null} for unlimited or not text. */
        public Builder add(String column, EdmType type, String lookupSet, boolean required, Integer maxLength) {
            if (columns.stream().anyMatch(c -> c.name().equals(column))) {
                throw new IllegalArgumentException("duplicate column " + name + "." + column);
            }
            columns.add(new Column(column, type, lookupSet, required, columns.size(), maxLength));
            return this;
        }

        /** Unlimited text columns (Creatio's MaxSizeText). */
        public Builder string(String... names) {
            for (String column : names) {
                add(column, EdmType.STRING, null, false);
            }
            return this;
        }

        /** Text columns of {@code maxLength} characters (ShortText 50, MediumText 250, LongText 500). */
        public Builder text(int maxLength, String... names) {
            for (String column : names) {
                add(column, EdmType.STRING, null, false, maxLength);
            }
            return this;
        }

        public Builder guid(String... names) {
            for (String column : names) {
                add(column, EdmType.GUID, null, false);
            }
            return this;
        }

        public Builder bool(String... names) {
            for (String column : names) {
                add(column, EdmType.BOOLEAN, null, false);
            }
            return this;
        }

        public Builder date(String... names) {
            for (String column : names) {
                add(column, EdmType.DATETIME, null, false);
            }
            return this;
        }

        public Builder lookup(String column, String targetSet) {
            return add(column, EdmType.GUID, targetSet, false);
        }

        public Builder required(String column, EdmType type) {
            return add(column, type, null, true);
        }

        /** A required text column of {@code maxLength} characters. */
        public Builder requiredText(String column, int maxLength) {
            return add(column, EdmType.STRING, null, true, maxLength);
        }

        public Builder requiredLookup(String column, String targetSet) {
            return add(column, EdmType.GUID, targetSet, true);
        }

        public EntityType build() {
            return new EntityType(name, new ArrayList<>(columns));
        }
    }
}
