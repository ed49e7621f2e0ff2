package com.nia.crmsync.simulator.odata;

import static com.nia.crmsync.simulator.odata.Column.LONG_TEXT;
import static com.nia.crmsync.simulator.odata.Column.MEDIUM_TEXT;
import static com.nia.crmsync.simulator.odata.Column.SHORT_TEXT;
import static com.nia.crmsync.simulator.odata.EdmType.DATETIME;
import static com.nia.crmsync.simulator.odata.EdmType.DECIMAL;
import static com.nia.crmsync.simulator.odata.EdmType.INT32;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.simulator.config.SimulatorConfig;

/**
 * The simulated Creatio data model: the objects named in creatio-api.md §2.3 with their real
 * column names (including Creatio's own spellings such as {@code BusinesPhone} and
 * {@code Recepient}), the lookup tables of §2.4, the users and roles ({@code SysAdminUnit}), plus the {@code Usr*} columns and custom objects
 * declared in configuration. Lookup columns whose target table is not simulated stay plain
 * {@code Edm.Guid} columns, so every navigation property in {@code $metadata} resolves. Text
 * columns have Creatio's sizes (ShortText 50, MediumText 250, LongText 500 characters, MaxSizeText
 * unlimited), declared as {@code MaxLength} in {@code $metadata} and enforced on every write.
 */
@ApplicationScoped
public class EntityModel {

    /** Creatio's sized text types, as configuration names them. */
    private static final Map<String, Integer> TEXT_SIZES = Map.of("shorttext", SHORT_TEXT, "mediumtext", MEDIUM_TEXT,
            "longtext", LONG_TEXT);

    private final Map<String, EntityType> types;

    public EntityModel(SimulatorConfig config) {
        Map<String, EntityType.Builder> builders = new LinkedHashMap<>();
        builders.put("Lead", lead());
        builders.put("Contact", contact());
        builders.put("Account", account());
        builders.put("Activity", activity());
        builders.put("ActivityParticipant", EntityType.builder("ActivityParticipant")
                .requiredLookup("ActivityId", "Activity")
                .lookup("ParticipantId", "Contact")
                .lookup("RoleId", "ActivityParticipantRole")
                .text(MEDIUM_TEXT, "Description")
                .bool("ReadMark", "InviteParticipant")
                .guid("InviteResponseId"));
        builders.put("QualifyStatus", EntityType.builder("QualifyStatus").lookupTable()
                .add("StageNumber", INT32, null, false).bool("IsFinal", "Successful"));
        builders.put("LeadStatus", EntityType.builder("LeadStatus").lookupTable());
        builders.put("LeadType", EntityType.builder("LeadType").lookupTable());
        builders.put("LeadSource", EntityType.builder("LeadSource").lookupTable());
        builders.put("LeadRegisterMethod", EntityType.builder("LeadRegisterMethod").lookupTable());
        builders.put("ActivityType", EntityType.builder("ActivityType").lookupTable());
        builders.put("ActivityCategory", EntityType.builder("ActivityCategory").lookupTable()
                .lookup("ActivityTypeId", "ActivityType"));
        builders.put("ActivityStatus", EntityType.builder("ActivityStatus").lookupTable().bool("Finish"));
        builders.put("ActivityPriority", EntityType.builder("ActivityPriority").lookupTable());
        builders.put("ActivityParticipantRole", EntityType.builder("ActivityParticipantRole").lookupTable());
        builders.put("SysAdminUnit", sysAdminUnit());

        config.schema().customEntities().forEach((name, spec) -> {
            EntityType.Builder builder = EntityType.builder(name);
            addColumns(builder, spec);
            builders.put(name, builder);
        });
        config.schema().extraColumns().forEach((name, spec) -> {
            // Environment variables lower-case map keys (SIMULATOR_SCHEMA_EXTRA_COLUMNS_LEAD), so match case-insensitively.
            EntityType.Builder builder = builders.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (builder == null) {
                throw new IllegalArgumentException("simulator.schema.extra-columns names unknown object " + name);
            }
            addColumns(builder, spec);
        });
        Map<String, EntityType> built = new LinkedHashMap<>();
        builders.forEach((name, builder) -> built.put(name, builder.build()));
        built.values().forEach(type -> type.columns().stream()
                .filter(Column::isLookup)
                .filter(column -> !built.containsKey(column.lookupSet()))
                .findFirst()
                .ifPresent(column -> {
                    throw new IllegalArgumentException(type.name() + "." + column.name()
                            + " points to unknown object " + column.lookupSet());
                }));
        this.types = Collections.unmodifiableMap(built);
    }

    public EntityType type(String entitySet) {
        return types.get(entitySet);
    }

    public Collection<EntityType> types() {
        return types.values();
    }

    /**
     * Column specs: {@code Name:Type} or {@code Name:Lookup:TargetObject}, comma separated; text types
     * {@code ShortText} (50), {@code MediumText} (250), {@code LongText} (500), or {@code String} /
     * {@code MaxSizeText} (unlimited).
     */
    private static void addColumns(EntityType.Builder builder, String spec) {
        List<String> parts = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        for (String part : parts) {
            String[] bits = part.split(":");
            if (bits.length == 3 && bits[1].equalsIgnoreCase("lookup")) {
                builder.lookup(bits[0], bits[2]);
            } else if (bits.length == 2 && TEXT_SIZES.containsKey(bits[1].trim().toLowerCase(Locale.ROOT))) {
                builder.text(TEXT_SIZES.get(bits[1].trim().toLowerCase(Locale.ROOT)), bits[0]);
            } else if (bits.length == 2) {
                builder.add(bits[0], EdmType.fromConfigName(bits[1].equalsIgnoreCase("MaxSizeText") ? "String" : bits[1]),
                        null, false);
            } else {
                throw new IllegalArgumentException("bad column spec '" + part + "' (want Name:Type or Name:Lookup:Object)");
            }
        }
    }

    private static EntityType.Builder lead() {
        return EntityType.builder("Lead")
                .text(LONG_TEXT, "LeadName")
                .text(MEDIUM_TEXT, "Contact", "Account")
                .lookup("QualifiedContactId", "Contact")
                .lookup("QualifiedAccountId", "Account")
                .guid("TitleId")
                .text(MEDIUM_TEXT, "FullJobTitle")
                .lookup("StatusId", "LeadStatus")
                .guid("InformationSourceId", "IndustryId", "AnnualRevenueId", "EmployeesNumberId")
                .text(MEDIUM_TEXT, "BusinesPhone", "MobilePhone", "Email", "Fax", "Website")
                .guid("AddressTypeId", "CountryId", "RegionId", "CityId")
                .text(SHORT_TEXT, "Zip")
                .text(LONG_TEXT, "Address")
                .bool("DoNotUseEmail", "DoNotUsePhone", "DoNotUseFax", "DoNotUseSms", "DoNotUseMail")
                .string("Commentary")
                .lookup("LeadTypeId", "LeadType")
                .guid("LeadTypeStatusId", "LeadDisqualifyReasonId", "AccountCategoryId", "AccountOwnershipId",
                        "DepartmentId", "GenderId", "JobId", "DecisionRoleId")
                .lookup("QualifyStatusId", "QualifyStatus")
                .text(SHORT_TEXT, "Dear")
                .guid("QualificationProcessId")
                .lookup("OwnerId", "Contact")
                .lookup("SalesOwnerId", "Contact")
                .bool("RemindToOwner")
                .add("Budget", DECIMAL, null, false)
                .date("MeetingDate", "DecisionDate", "NextActualizationDate")
                .lookup("RegisterMethodId", "LeadRegisterMethod")
                .lookup("LeadSourceId", "LeadSource")
                .guid("LeadMediumId", "OpportunityDepartmentId")
                .add("Score", DECIMAL, null, false)
                .bool("QualificationPassed")
                .guid("OpportunityId", "CampaignId", "WebFormId")
                .text(MEDIUM_TEXT, "CountryStr");
    }

    private static EntityType.Builder contact() {
        return EntityType.builder("Contact")
                .requiredText("Name", MEDIUM_TEXT)
                .text(MEDIUM_TEXT, "Surname", "GivenName", "MiddleName")
                .lookup("OwnerId", "Contact")
                .text(SHORT_TEXT, "Dear")
                .guid("SalutationTypeId", "GenderId")
                .lookup("AccountId", "Account")
                .guid("DecisionRoleId", "TypeId", "JobId")
                .text(MEDIUM_TEXT, "JobTitle")
                .guid("DepartmentId")
                .date("BirthDate")
                .text(MEDIUM_TEXT, "Phone", "MobilePhone", "HomePhone", "Skype", "Email")
                .guid("AddressTypeId")
                .text(LONG_TEXT, "Address")
                .guid("CityId", "RegionId")
                .text(SHORT_TEXT, "Zip")
                .guid("CountryId")
                .bool("DoNotUseEmail", "DoNotUseCall", "DoNotUseSms", "DoNotUseFax", "DoNotUseMail")
                .string("Notes")
                .text(MEDIUM_TEXT, "Facebook", "LinkedIn", "Twitter")
                .guid("PhotoId")
                .bool("Confirmed")
                .guid("LanguageId")
                .add("Completeness", INT32, null, false)
                .bool("IsNonActualEmail")
                .add("Age", INT32, null, false);
    }

    private static EntityType.Builder account() {
        return EntityType.builder("Account")
                .requiredText("Name", MEDIUM_TEXT)
                .lookup("OwnerId", "Contact")
                .guid("OwnershipId")
                .lookup("PrimaryContactId", "Contact")
                .lookup("ParentId", "Account")
                .guid("IndustryId")
                .text(SHORT_TEXT, "Code")
                .guid("TypeId")
                .text(MEDIUM_TEXT, "Phone", "AdditionalPhone", "Fax", "Web")
                .guid("AddressTypeId")
                .text(LONG_TEXT, "Address")
                .guid("CityId", "RegionId")
                .text(SHORT_TEXT, "Zip")
                .guid("CountryId", "AccountCategoryId", "EmployeesNumberId", "AnnualRevenueId")
                .string("Notes")
                .text(MEDIUM_TEXT, "AlternativeName");
    }

    private static EntityType.Builder activity() {
        return EntityType.builder("Activity")
                .requiredText("Title", LONG_TEXT)
                .required("StartDate", DATETIME)
                .required("DueDate", DATETIME)
                .requiredLookup("PriorityId", "ActivityPriority")
                .lookup("AuthorId", "Contact")
                .requiredLookup("OwnerId", "Contact")
                .lookup("TypeId", "ActivityType")
                .requiredLookup("ActivityCategoryId", "ActivityCategory")
                .requiredLookup("StatusId", "ActivityStatus")
                .guid("ResultId")
                .string("DetailedResult", "Notes")
                .lookup("AccountId", "Account")
                .lookup("ContactId", "Contact")
                .lookup("LeadId", "Lead")
                .guid("OpportunityId", "CaseId")
                .bool("ShowInScheduler", "RemindToOwner")
                .date("RemindToOwnerDate")
                .add("DurationInMinutes", INT32, null, false)
                .text(LONG_TEXT, "Sender")
                .string("Recepient", "Body")
                .bool("IsHtmlBody")
                .guid("MessageTypeId")
                .date("SendDate")
                .guid("CallDirectionId")
                .lookup("OrganizerId", "Contact")
                .guid("TimeZoneId")
                .text(MEDIUM_TEXT, "Location");
    }

    /** Users and roles; a user's {@code ContactId} is its contact (the integration user's is the owner of what it writes). */
    private static EntityType.Builder sysAdminUnit() {
        return EntityType.builder("SysAdminUnit")
                .requiredText("Name", MEDIUM_TEXT)
                .text(MEDIUM_TEXT, "Description")
                .lookup("ParentRoleId", "SysAdminUnit")
                .lookup("ContactId", "Contact")
                .lookup("AccountId", "Account")
                .add("SysAdminUnitTypeValue", INT32, null, false)
                .bool("Active")
                .add("ConnectionType", INT32, null, false)
                .guid("TimeZoneId");
    }
}
