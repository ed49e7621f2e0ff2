package com.nia.crmsync.simulator.odata;

/**
 * Renders the CSDL ({@code $metadata}) and the JSON service document for an {@link EntityModel},
 * in a form an independent OData 4 client (Apache Olingo) loads: keys, typed properties (datetimes
 * with {@code Precision="7"}, Creatio's 100-ns ticks; sized text with {@code MaxLength}, unlimited text
 * without), a navigation property with a referential
 * constraint per lookup column and the matching navigation property bindings.
 */
public final class MetadataDocument {

    private MetadataDocument() {
    }

    public static String csdl(EntityModel model) {
        StringBuilder xml = new StringBuilder(64 * 1024);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n")
                .append("  <edmx:DataServices>\n")
                .append("    <Schema Namespace=\"").append(ODataNames.NAMESPACE)
                .append("\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
        for (EntityType type : model.types()) {
            xml.append("      <EntityType Name=\"").append(type.name()).append("\">\n")
                    .append("        <Key>\n          <PropertyRef Name=\"Id\" />\n        </Key>\n");
            for (Column column : type.columns()) {
                xml.append("        <Property Name=\"").append(column.name()).append("\" Type=\"")
                        .append(column.type().edmName()).append('"');
                if (column.name().equals(EntityType.ID)) {
                    xml.append(" Nullable=\"false\"");
                }
                if (column.type() == EdmType.DATETIME) {
                    xml.append(" Precision=\"7\"");
                }
                if (column.maxLength() != null) {
                    xml.append(" MaxLength=\"").append(column.maxLength()).append('"');
                }
                if (column.type() == EdmType.DECIMAL) {
                    xml.append(" Precision=\"18\" Scale=\"2\"");
                }
                xml.append(" />\n");
            }
            for (Column lookup : type.navigations().values()) {
                xml.append("        <NavigationProperty Name=\"").append(lookup.navigationName())
                        .append("\" Type=\"").append(ODataNames.qualified(lookup.lookupSet())).append("\">\n")
                        .append("          <ReferentialConstraint Property=\"").append(lookup.name())
                        .append("\" ReferencedProperty=\"Id\" />\n")
                        .append("        </NavigationProperty>\n");
            }
            xml.append("      </EntityType>\n");
        }
        xml.append("      <EntityContainer Name=\"").append(ODataNames.CONTAINER).append("\">\n");
        for (EntityType type : model.types()) {
            xml.append("        <EntitySet Name=\"").append(type.name()).append("\" EntityType=\"")
                    .append(ODataNames.qualified(type.name())).append("\">\n");
            for (Column lookup : type.navigations().values()) {
                xml.append("          <NavigationPropertyBinding Path=\"").append(lookup.navigationName())
                        .append("\" Target=\"").append(lookup.lookupSet()).append("\" />\n");
            }
            xml.append("        </EntitySet>\n");
        }
        xml.append("      </EntityContainer>\n    </Schema>\n  </edmx:DataServices>\n</edmx:Edmx>\n");
        return xml.toString();
    }

    public static byte[] serviceDocument(EntityModel model, String serviceRoot) {
        return EntityJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", serviceRoot + "/$metadata");
            g.writeArrayFieldStart("value");
            for (EntityType type : model.types()) {
                g.writeStartObject();
                g.writeStringField("name", type.name());
                g.writeStringField("kind", "EntitySet");
                g.writeStringField("url", type.name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
