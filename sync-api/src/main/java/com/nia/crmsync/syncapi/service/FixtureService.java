package com.nia.crmsync.syncapi.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.quarkus.logging.Log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.entity.Contact;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.RecordAccesses;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * Loads demo data into NIA's store — the earlier implementation's {@code loaddata crm_sync_fixtures.json}.
 * A fixture file holds leads and contacts with fixed ids; a record may carry the sync state of an
 * earlier sync ({@code "sync": {"creatio_id": ..., "agreed": {...}}}: linked to that Creatio record,
 * and {@code agreed} lists the fields whose value both sides agreed on differs from today's NIA value,
 * i.e. what NIA changed since). Loading plans no command: the next {@code sync_all} is what syncs them.
 *
 * <p>Idempotent: a record whose id exists is left exactly as it is (never overwritten), so a file can
 * be loaded at every start. All or nothing: every record is validated first (the API's own rules,
 * unknown fields refused), and one invalid record loads nothing (422 naming each record and field).
 */
@ApplicationScoped
public class FixtureService {

    /** An arbitrary constant naming the advisory lock that serialises loads (two replicas starting at once). */
    private static final long LOAD_LOCK = 0x4e49_4146_4958L;

    /** What a load did: records created and records already there, per type; sync states created. */
    public record Report(int leadsCreated, int leadsPresent, int contactsCreated, int contactsPresent, int syncStatesCreated) {
    }

    private final EntityManager em;
    private final Validator validator;
    private final ConfigurationService configuration;
    private final RecordAccesses records;
    private final ObjectMapper strict;

    public FixtureService(EntityManager em, Validator validator, ConfigurationService configuration, RecordAccesses records,
            ObjectMapper mapper) {
        this.em = em;
        this.records = records;
        this.validator = validator;
        this.configuration = configuration;
        // fixture files are written by hand: a misspelt field is an error, not silently dropped
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** One record of the file, validated. */
    private record Item<I>(EntityType type, UUID id, I input, UUID creatioId, I agreed) {
    }

    /** Parses, validates and loads a fixture file's text. */
    @Transactional
    public Report load(String json) {
        JsonNode root;
        try {
            root = strict.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "Not a fixture file", "The body is not JSON: " + e.getOriginalMessage(), List.of());
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(422, "Invalid fixtures", "A fixture file is a JSON object with leads and contacts",
                    List.of(new Problem.FieldError("$", "must be an object")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!List.of("description", "leads", "contacts").contains(name)) {
                errors.add(new Problem.FieldError(name, "is not a fixture section (description, leads, contacts)"));
            }
        }
        Set<UUID> ids = new HashSet<>();
        List<Item<LeadInput>> leads = items(root.get("leads"), "leads", EntityType.LEAD, LeadInput.class, ids, errors);
        List<Item<ContactInput>> contacts = items(root.get("contacts"), "contacts", EntityType.CONTACT, ContactInput.class, ids, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Invalid fixtures", errors.size() + " problem(s); nothing was loaded", errors);
        }

        em.createNativeQuery("SELECT pg_advisory_xact_lock(" + LOAD_LOCK + ")").getSingleResult();
        EntityMapping leadMapping = configuration.current().configuration().mapping(EntityType.LEAD).orElse(null);
        EntityMapping contactMapping = configuration.current().configuration().mapping(EntityType.CONTACT).orElse(null);
        int leadsCreated = 0;
        int contactsCreated = 0;
        int states = 0;
        for (Item<LeadInput> item : leads) {
            if (em.find(Lead.class, item.id()) != null) {
                continue;
            }
            Lead lead = new Lead();
            lead.id = item.id();
            lead.createdAt = Instant.now();
            // the history the sync state describes: the record as both sides agreed on it, then NIA's edit since
            LeadService.apply(lead, item.agreed() != null ? item.agreed() : item.input());
            em.persist(lead);
            em.flush();
            if (item.creatioId() != null) {
                linked(item, leadMapping, fields(EntityType.LEAD, lead.id), lead.version);
                states++;
                LeadService.apply(lead, item.input());
                em.flush();
            }
            leadsCreated++;
        }
        for (Item<ContactInput> item : contacts) {
            if (em.find(Contact.class, item.id()) != null) {
                continue;
            }
            Contact contact = new Contact();
            contact.id = item.id();
            contact.createdAt = Instant.now();
            ContactService.apply(contact, item.agreed() != null ? item.agreed() : item.input());
            em.persist(contact);
            em.flush();
            if (item.creatioId() != null) {
                linked(item, contactMapping, fields(EntityType.CONTACT, contact.id), contact.version);
                states++;
                ContactService.apply(contact, item.input());
                em.flush();
            }
            contactsCreated++;
        }
        Report report = new Report(leadsCreated, leads.size() - leadsCreated, contactsCreated, contacts.size() - contactsCreated, states);
        Log.infof("Fixtures: %d lead(s) and %d contact(s) created, %d and %d already there, %d sync state(s)", report.leadsCreated(),
                report.contactsCreated(), report.leadsPresent(), report.contactsPresent(), report.syncStatesCreated());
        return report;
    }

    /** The section's records, each validated; problems are added to {@code errors} with their path. */
    private <I> List<Item<I>> items(JsonNode section, String name, EntityType type, Class<I> inputType, Set<UUID> ids,
            List<Problem.FieldError> errors) {
        List<Item<I>> items = new ArrayList<>();
        if (section == null || section.isNull()) {
            return items;
        }
        if (!section.isArray()) {
            errors.add(new Problem.FieldError(name, "must be an array"));
            return items;
        }
        for (int i = 0; i < section.size(); i++) {
            String at = name + "[" + i + "]";
            JsonNode node = section.get(i);
            if (!node.isObject()) {
                errors.add(new Problem.FieldError(at, "must be an object"));
                continue;
            }
            ObjectNode fields = ((ObjectNode) node).deepCopy();
            UUID id = uuid(fields.remove("id"), at + ".id", errors);
            if (id != null && !ids.add(id)) {
                errors.add(new Problem.FieldError(at + ".id", "appears twice in the file"));
            }
            JsonNode sync = fields.remove("sync");
            I input = input(fields, inputType, at, errors);
            UUID creatioId = null;
            I agreed = null;
            if (sync != null && !sync.isNull()) {
                creatioId = uuid(sync.get("creatio_id"), at + ".sync.creatio_id", errors);
                for (Iterator<String> keys = sync.fieldNames(); keys.hasNext();) {
                    String key = keys.next();
                    if (!key.equals("creatio_id") && !key.equals("agreed")) {
                        errors.add(new Problem.FieldError(at + ".sync." + key, "is not a sync field (creatio_id, agreed)"));
                    }
                }
                JsonNode changed = sync.get("agreed");
                ObjectNode before = fields.deepCopy();
                if (changed != null && changed.isObject()) {
                    before.setAll((ObjectNode) changed);
                } else if (changed != null && !changed.isNull()) {
                    errors.add(new Problem.FieldError(at + ".sync.agreed", "must be an object of fields"));
                }
                agreed = input(before, inputType, at + ".sync.agreed", errors);
            }
            if (id != null && input != null && (sync == null || sync.isNull() || creatioId != null && agreed != null)) {
                items.add(new Item<>(type, id, input, creatioId, agreed));
            }
        }
        return items;
    }

    private <I> I input(ObjectNode fields, Class<I> inputType, String at, List<Problem.FieldError> errors) {
        I input;
        try {
            input = strict.treeToValue(fields, inputType);
        } catch (JsonProcessingException e) {
            errors.add(new Problem.FieldError(at, e.getOriginalMessage()));
            return null;
        }
        Set<ConstraintViolation<I>> violations = validator.validate(input);
        for (ConstraintViolation<I> v : violations) {
            String path = v.getPropertyPath().toString();
            errors.add(new Problem.FieldError(at + "." + (path.equals("identifiable") ? "last_name" : snake(path)), v.getMessage()));
        }
        return violations.isEmpty() ? input : null;
    }

    private static UUID uuid(JsonNode node, String at, List<Problem.FieldError> errors) {
        if (node == null || !node.isTextual()) {
            errors.add(new Problem.FieldError(at, "is required (a UUID)"));
            return null;
        }
        try {
            return UUID.fromString(node.asText());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(at, "is not a UUID"));
            return null;
        }
    }

    /**
     * The sync state of a record an earlier sync linked: synced at NIA version {@code version}, the
     * base being the agreed values mapped to Creatio's columns (both sides' hash the same), nothing in flight.
     */
    private void linked(Item<?> item, EntityMapping mapping, Map<String, Object> agreedFields, long version) {
        // the hash exactly as the planner computes it, so an unchanged record is recognised as unchanged
        Map<String, Object> canonical = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (mapping != null) {
            FieldMapper.toCreatio(mapping, agreedFields).forEach((column, v) -> {
                Object c = CanonicalValues.canonical(v);
                canonical.put(column, c);
                values.put(column, c instanceof Instant at ? at.toString() : c);
            });
        }
        String hash = CanonicalHash.of(canonical);
        Instant now = Instant.now();
        CreatioSync row = new CreatioSync();
        row.entityType = item.type().wire();
        row.localId = item.id();
        row.creatioId = item.creatioId();
        row.syncStatus(SyncStatus.SYNCED);
        row.direction = "to_creatio";
        row.baseSnapshot = new BaseSnapshot(values, hash, hash, now);
        row.localHash = hash;
        row.creatioHash = hash;
        row.localVersion = version;
        row.syncedVersion = version;
        row.lastOutcome = "synced";
        row.lastSyncedAt = now;
        row.createdAt = now;
        row.updatedAt = now;
        em.persist(row);
        em.flush();
    }

    /** The record's canonical fields as the planner reads them (so the stored hash is the one it compares with). */
    private Map<String, Object> fields(EntityType type, UUID id) {
        return records.of(type).load(id).orElseThrow().fields();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
