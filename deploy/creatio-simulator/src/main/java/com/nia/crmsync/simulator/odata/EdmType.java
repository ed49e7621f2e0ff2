package com.nia.crmsync.simulator.odata;

/**
 * The OData primitive types the simulated Creatio columns use, with the "empty" value Creatio
 * writes instead of {@code null} (creatio-api.md §2.2).
 */
public enum EdmType {
    GUID("Edm.Guid"),
    STRING("Edm.String"),
    DATETIME("Edm.DateTimeOffset"),
    BOOLEAN("Edm.Boolean"),
    INT32("Edm.Int32"),
    DECIMAL("Edm.Decimal");

    private final String edmName;

    EdmType(String edmName) {
        this.edmName = edmName;
    }

    public String edmName() {
        return edmName;
    }

    /** Parses the type names used in configuration ({@code Guid}, {@code String}, {@code Money} ...). */
    public static EdmType fromConfigName(String name) {
        switch (name.trim().toLowerCase()) {
            case "guid":
            case "lookup":
                return GUID;
            case "string":
            case "text":
                return STRING;
            case "datetime":
            case "date":
                return DATETIME;
            case "boolean":
            case "bool":
                return BOOLEAN;
            case "integer":
            case "int":
                return INT32;
            case "decimal":
            case "money":
            case "float":
                return DECIMAL;
            default:
                throw new IllegalArgumentException("unknown column type '" + name + "'");
        }
    }
}
