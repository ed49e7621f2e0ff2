package com.nia.crmsync.gateway.service;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.enterprise.context.ApplicationScoped;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;

import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.model.command.Lane;

/**
 * Creatio's schema from {@code $metadata}, read once per TTL ({@code creatio.cache.metadata-ttl},
 * cache {@value #CACHE}; concurrent misses share one Creatio call, made outside the cache's lock):
 * the entity sets and their columns, for the mapping editor and for checking every call's set
 * and column names before Creatio sees them (an unknown set would otherwise come back as a 401),
 * and the text columns' sizes ({@code MaxLength}), which the worker's overflow rule applies before a write.
 */
@ApplicationScoped
public class MetadataService {

    /** The cache of the parsed schema (its lifetime: {@code quarkus.cache.caffeine.creatio-metadata.expire-after-write}). */
    public static final String CACHE = "creatio-metadata";

    private final CreatioClient creatio;
    private final Cache cache;

    public MetadataService(CreatioClient creatio, @CacheName(CACHE) Cache cache) {
        this.creatio = creatio;
        this.cache = cache;
    }

    /** Every entity set, by name. */
    public Map<String, EntitySetInfo> entitySets(Lane lane) {
        // one entry whichever lane reads it first; the resources run on worker threads, so waiting blocks no event loop
        return cache.<String, Map<String, EntitySetInfo>>get("metadata", key -> parse(creatio.metadata(lane))).await().indefinitely();
    }

    /** One entity set, if Creatio has it. */
    public Optional<EntitySetInfo> entitySet(Lane lane, String name) {
        return Optional.ofNullable(entitySets(lane).get(name));
    }

    /** The entity set, or an {@code INVALID_REQUEST} naming the problem. */
    public EntitySetInfo require(Lane lane, String name) {
        return entitySet(lane, name).orElseThrow(() -> new CreatioException(ErrorCode.INVALID_REQUEST, 0,
                "unknown entity set '" + name + "': Creatio's $metadata has no such set"));
    }

    /** Rejects columns the set does not have, naming each one and why. */
    public void requireColumns(Lane lane, String set, Iterable<String> columns, boolean forWrite) {
        EntitySetInfo info = require(lane, set);
        Set<String> unknown = new TreeSet<>();
        Set<String> readOnly = new TreeSet<>();
        for (String column : columns) {
            if (!info.columns().containsKey(column)) {
                (info.navigationProperties().contains(column) && forWrite ? readOnly : unknown).add(column);
            }
        }
        if (!unknown.isEmpty() || !readOnly.isEmpty()) {
            StringBuilder reason = new StringBuilder();
            if (!unknown.isEmpty()) {
                reason.append("unknown columns of ").append(set).append(" (not in $metadata): ").append(unknown);
            }
            if (!readOnly.isEmpty()) {
                reason.append(reason.length() > 0 ? "; " : "").append("navigation properties cannot be written, use their Id column: ")
                        .append(readOnly);
            }
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, reason.toString());
        }
    }

    /** Forgets the cached schema (after a Creatio customisation). */
    public void invalidate() {
        cache.invalidateAll().await().indefinitely();
    }

    /** A string property's {@code MaxLength} facet: a number of characters; absent or {@code max} means unlimited. */
    private static Optional<Integer> maxLength(Element property) {
        String facet = property.getAttribute("MaxLength").trim();
        if (!"Edm.String".equals(property.getAttribute("Type")) || !facet.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(facet));
    }

    static Map<String, EntitySetInfo> parse(String csdl) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(new ByteArrayInputStream(csdl.getBytes(StandardCharsets.UTF_8)));
            Map<String, Element> types = new HashMap<>();
            NodeList entityTypes = document.getElementsByTagNameNS("*", "EntityType");
            for (int i = 0; i < entityTypes.getLength(); i++) {
                Element type = (Element) entityTypes.item(i);
                types.put(type.getAttribute("Name"), type);
            }
            Map<String, EntitySetInfo> sets = new LinkedHashMap<>();
            NodeList entitySets = document.getElementsByTagNameNS("*", "EntitySet");
            for (int i = 0; i < entitySets.getLength(); i++) {
                Element set = (Element) entitySets.item(i);
                String typeName = set.getAttribute("EntityType");
                Element type = types.get(typeName.substring(typeName.lastIndexOf('.') + 1));
                Map<String, String> columns = new LinkedHashMap<>();
                Map<String, Integer> maxLengths = new TreeMap<>();
                Set<String> navigation = new TreeSet<>();
                if (type != null) {
                    NodeList properties = type.getElementsByTagNameNS("*", "Property");
                    for (int p = 0; p < properties.getLength(); p++) {
                        Element property = (Element) properties.item(p);
                        columns.put(property.getAttribute("Name"), property.getAttribute("Type"));
                        maxLength(property).ifPresent(size -> maxLengths.put(property.getAttribute("Name"), size));
                    }
                    NodeList navigations = type.getElementsByTagNameNS("*", "NavigationProperty");
                    for (int n = 0; n < navigations.getLength(); n++) {
                        navigation.add(((Element) navigations.item(n)).getAttribute("Name"));
                    }
                }
                sets.put(set.getAttribute("Name"), new EntitySetInfo(set.getAttribute("Name"), typeName, columns, navigation,
                        maxLengths));
            }
            return sets;
        } catch (Exception e) {
            throw new CreatioException(ErrorCode.CREATIO_SERVER_ERROR, 200, "Creatio's $metadata could not be read as CSDL");
        }
    }
}
