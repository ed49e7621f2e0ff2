package com.nia.crmsync.simulator.odata;

/**
 * One column of a simulated Creatio object. A lookup column ({@code OwnerId}) carries the entity
 * set it points to and is also exposed as a navigation property named without the {@code Id}
 * suffix ({@code Owner}), as Creatio does.
 *
 * @param name the OData property name
 * @param type the primitive type
 * @param lookupSet the target entity set of a lookup column, {@code null} for a plain column
 * @param required whether a create without it (after server defaults) is rejected
 * @param ordinal the position of the column in its entity type
 * @param maxLength a text column's size in characters (Creatio's ShortText 50, MediumText 250,
 *                  LongText 500), {@code null} for unlimited text (MaxSizeText) and other types
 */
public record Column(String name, EdmType type, String lookupSet, boolean required, int ordinal, Integer maxLength) {

    /** Creatio's ShortText. */
    public static final int SHORT_TEXT = 50;
    /** Creatio's MediumText. */
    public static final int MEDIUM_TEXT = 250;
    /** Creatio's LongText. */
    public static final int LONG_TEXT = 500;

    public boolean isLookup() {
        return lookupSet != null;
    }

    /** The navigation property name of a lookup column: {@code OwnerId} → {@code Owner}. */
    public String navigationName() {
        return name.substring(0, name.length() - 2);
    }
}
