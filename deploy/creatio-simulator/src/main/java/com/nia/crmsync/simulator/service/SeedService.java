package com.nia.crmsync.simulator.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

import com.nia.crmsync.simulator.auth.ClientRegistry;
import com.nia.crmsync.simulator.auth.TechnicalUser;
import com.nia.crmsync.simulator.odata.CreatioIds;
import com.nia.crmsync.simulator.odata.EntityModel;
import com.nia.crmsync.simulator.odata.EntityType;
import com.nia.crmsync.simulator.store.DataStore;
import com.nia.crmsync.simulator.store.Entity;

/**
 * Fills the store. {@link #baseline()} is what every fresh Creatio has: the lookup tables with
 * their well-known GUIDs (creatio-api.md §2.4), the "Supervisor" user and contact, and one user
 * ({@code SysAdminUnit}, the id in its tokens' {@code prop:SysAdminUnitId}) and contact per technical user. {@link #seed} adds demo leads, contacts, accounts and activities from a random
 * seed, so the same request always produces the same rows: realistic names, emails and
 * companies, {@code ModifiedOn} spread over a time span with 7-digit fractions, and every 20th row
 * sharing its {@code ModifiedOn} with the row before it (the case a watermark must not skip).
 */
@ApplicationScoped
public class SeedService {

    /** What to generate; null fields take the defaults of {@code simulator.seed.*}. */
    public record SeedRequest(Integer leads, Integer contacts, Integer accounts, Integer activities, Long seed,
            Instant from, Integer spanDays) {
    }

    /** Rows per entity set after seeding, and how long it took. */
    public record SeedResult(Map<String, Integer> counts, long millis) {
    }

    private static final Instant BASELINE_TIME = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant DEFAULT_FROM = Instant.parse("2025-01-01T00:00:00Z");

    private static final String[] FIRST = {"Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Ava", "Elijah",
        "Sophia", "James", "Isabella", "William", "Mia", "Benjamin", "Charlotte", "Lucas", "Harper", "Henry", "Evelyn",
        "Theodore", "Luna", "Jack", "Camila", "Levi", "Gianna", "Alexander", "Elizabeth", "Jackson", "Eleanor",
        "Mateo", "Ella", "Daniel", "Abigail", "Michael", "Sofia", "Mason", "Avery", "Sebastian", "Scarlett", "Ethan",
        "Emily", "Logan", "Aria", "Owen", "Penelope", "Samuel", "Chloe", "Jacob", "Layla", "Asher", "Mila", "Aiden",
        "Nora", "John", "Hazel", "Joseph", "Madison", "Wyatt", "Ellie", "David", "Lily", "Leo", "Nova", "Luke",
        "Isla", "Julian", "Grace", "Hudson", "Violet", "Grayson", "Aurora", "Matthew", "Riley", "Ezra", "Zoey",
        "Gabriel", "Willow", "Carter", "Emilia", "Isaac", "Stella", "Jayden", "Zoe", "Lincoln", "Victoria", "Anthony",
        "Hannah", "Hugo", "Ingrid", "Kenji", "Priya", "Mateus", "Aisha", "Lars", "Yuki", "Omar", "Chiara", "Tomasz"};
    private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
        "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
        "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
        "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
        "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Rossi", "Russo",
        "Ferrari", "Esposito", "Bianchi", "Dubois", "Moreau", "Laurent", "Lefebvre", "Kowalski", "Nowak", "Novak",
        "Svensson", "Johansson", "Larsen", "Jensen", "Tanaka", "Suzuki", "Sato", "Kim", "Park", "Chen", "Wang",
        "Singh", "Patel", "Kumar", "O'Brien", "Murphy", "Kelly", "Byrne", "Silva", "Santos", "Oliveira", "Costa"};
    private static final String[] COMPANY_A = {"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka",
        "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Aperture", "Massive", "Blue Sun", "Gringotts",
        "Monarch", "Oscorp", "Pied Piper", "Prestige", "Sterling", "Dunder", "Nakatomi", "Oceanic", "Virtucon",
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Woodgrove", "Proseware", "Lucerne",
        "Fourth Coffee", "Alpine", "Bluewater", "Redwood", "Silverline", "Brightpath"};
    private static final String[] COMPANY_B = {"Systems", "Industries", "Labs", "Holdings", "Group", "Analytics",
        "Logistics", "Consulting", "Software", "Partners", "Dynamics", "Networks", "Health", "Energy", "Capital",
        "Robotics", "Foods", "Media", "Solutions", "Ventures"};
    private static final String[] SUFFIX = {"Ltd", "Inc.", "GmbH", "LLC", "AG", "S.A.", "plc", "B.V."};
    private static final String[] TITLES = {"CEO", "CTO", "CFO", "Head of Sales", "Sales Manager", "Account Executive",
        "Procurement Lead", "IT Director", "Operations Manager", "Marketing Director", "Product Manager",
        "Engineering Manager", "Business Analyst", "Office Manager", "Founder", "VP Sales", "Purchasing Agent",
        "Chief Revenue Officer", "Head of Customer Success", "Data Protection Officer"};
    private static final String[] ACTIVITY_TITLES = {"Discovery call with ", "Demo for ", "Follow-up with ",
        "Pricing discussion with ", "Onboarding session with ", "Quarterly review with ", "Intro meeting with "};
    private static final UUID[] QUALIFY = {CreatioIds.QUALIFY_QUALIFICATION, CreatioIds.QUALIFY_QUALIFICATION,
        CreatioIds.QUALIFY_QUALIFICATION, CreatioIds.QUALIFY_DISTRIBUTION, CreatioIds.QUALIFY_HANDOFF,
        CreatioIds.QUALIFY_AWAITING_SALE, CreatioIds.QUALIFY_DISQUALIFIED, CreatioIds.QUALIFY_NOT_INTERESTED};

    private final EntityModel model;
    private final DataStore store;
    private final ClientRegistry clients;
    /** Every company name once, so a million leads share a few thousand strings instead of owning one each. */
    private static final String[] COMPANIES;
    private static final Map<String, String> DOMAINS = new HashMap<>();

    static {
        List<String> names = new ArrayList<>();
        for (String a : COMPANY_A) {
            for (String b : COMPANY_B) {
                for (String suffix : SUFFIX) {
                    String name = a + " " + b + " " + suffix;
                    names.add(name);
                    String[] words = name.toLowerCase().split(" ");
                    DOMAINS.put(name, words[0].replaceAll("[^a-z]", "") + "-" + words[1].replaceAll("[^a-z]", "")
                            + ".example.com");
                }
            }
        }
        COMPANIES = names.toArray(new String[0]);
    }

    public SeedService(EntityModel model, DataStore store, ClientRegistry clients) {
        this.model = model;
        this.store = store;
        this.clients = clients;
    }

    /** Empties the store and loads what every Creatio has before any user data. */
    public void baseline() {
        store.clear();
        store.write(() -> {
            lookup("QualifyStatus", CreatioIds.QUALIFY_QUALIFICATION, "Qualification", Map.of("StageNumber", 1));
            lookup("QualifyStatus", CreatioIds.QUALIFY_DISTRIBUTION, "Distribution", Map.of("StageNumber", 2));
            lookup("QualifyStatus", CreatioIds.QUALIFY_HANDOFF, "Handoff to sales", Map.of("StageNumber", 3));
            lookup("QualifyStatus", CreatioIds.QUALIFY_AWAITING_SALE, "Awaiting sale", Map.of("StageNumber", 4));
            lookup("QualifyStatus", CreatioIds.QUALIFY_WAITING_FOR_ORDER, "Waiting for order",
                    Map.of("StageNumber", 5));
            lookup("QualifyStatus", CreatioIds.QUALIFY_DISQUALIFIED, "Disqualified", Map.of("IsFinal", true));
            lookup("QualifyStatus", CreatioIds.QUALIFY_NOT_INTERESTED, "Not interested", Map.of("IsFinal", true));
            lookup("QualifyStatus", CreatioIds.QUALIFY_SATISFIED, "Satisfied",
                    Map.of("IsFinal", true, "Successful", true));
            lookup("LeadStatus", CreatioIds.LEAD_STATUS_NEW, "New", Map.of());
            lookup("LeadStatus", CreatioIds.LEAD_STATUS_QUALIFIED_NEW, "Qualified as new", Map.of());
            lookup("LeadStatus", CreatioIds.LEAD_STATUS_QUALIFIED_EXISTING, "Qualified as existing", Map.of());
            for (String name : List.of("Inbound", "Outbound", "Partner referral")) {
                lookup("LeadType", CreatioIds.named("LeadType:" + name), name, Map.of());
            }
            for (String name : List.of("Website", "Event", "Referral", "Cold call", "Social media")) {
                lookup("LeadSource", CreatioIds.named("LeadSource:" + name), name, Map.of());
            }
            lookup("LeadRegisterMethod", CreatioIds.REGISTER_METHOD_MANUAL, "Added manually", Map.of());
            lookup("ActivityType", CreatioIds.ACTIVITY_TYPE_TASK, "Task", Map.of());
            lookup("ActivityType", CreatioIds.ACTIVITY_TYPE_EMAIL, "Email", Map.of());
            lookup("ActivityType", CreatioIds.ACTIVITY_TYPE_CALL, "Call", Map.of());
            lookup("ActivityType", CreatioIds.ACTIVITY_TYPE_VISIT, "Visit", Map.of());
            lookup("ActivityCategory", CreatioIds.CATEGORY_TODO, "To do", Map.of());
            lookup("ActivityCategory", CreatioIds.CATEGORY_MEETING, "Meeting", Map.of());
            lookup("ActivityCategory", CreatioIds.CATEGORY_EMAIL, "Email", Map.of());
            lookup("ActivityCategory", CreatioIds.CATEGORY_CALL, "Call", Map.of());
            lookup("ActivityCategory", CreatioIds.CATEGORY_CALL_AS_TASK, "Call (task)", Map.of());
            lookup("ActivityCategory", CreatioIds.CATEGORY_PAPERWORK, "Paperwork", Map.of());
            lookup("ActivityStatus", CreatioIds.STATUS_NOT_STARTED, "Not started", Map.of());
            lookup("ActivityStatus", CreatioIds.STATUS_IN_PROGRESS, "In progress", Map.of());
            lookup("ActivityStatus", CreatioIds.STATUS_COMPLETED, "Completed", Map.of("Finish", true));
            lookup("ActivityStatus", CreatioIds.STATUS_CANCELED, "Canceled", Map.of("Finish", true));
            lookup("ActivityPriority", CreatioIds.PRIORITY_HIGH, "High", Map.of());
            lookup("ActivityPriority", CreatioIds.PRIORITY_MEDIUM, "Medium", Map.of());
            lookup("ActivityPriority", CreatioIds.PRIORITY_LOW, "Low", Map.of());
            lookup("ActivityParticipantRole", CreatioIds.ROLE_PARTICIPANT, "Participant", Map.of());
            lookup("ActivityParticipantRole", CreatioIds.ROLE_RESPONSIBLE, "Responsible", Map.of());
            contact(CreatioIds.SUPERVISOR_CONTACT, "Supervisor", null);
            user(CreatioIds.SUPERVISOR_USER, "Supervisor", CreatioIds.SUPERVISOR_CONTACT);
            for (TechnicalUser user : clients.users()) {
                contact(user.contactId(), user.name(), null);
                user(user.sysAdminUnitId(), user.name(), user.contactId());
            }
            return null;
        });
    }

    /** Adds demo rows; ids and values depend only on the request, never on the time of the call. */
    public SeedResult seed(SeedRequest request) {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(request.seed());
        Instant from = request.from() == null ? DEFAULT_FROM : request.from();
        long spanMicros = Duration.ofDays(request.spanDays() == null ? 300 : request.spanDays()).toNanos() / 1000;
        List<UUID> accounts = new ArrayList<>();
        List<UUID> contacts = new ArrayList<>();
        List<UUID> leads = new ArrayList<>();
        List<Object[]> activities = new ArrayList<>();
        store.write(() -> {
            generate("Account", request.accounts(), random, from, spanMicros, (values) -> {
                String company = company(random);
                set("Account", values, "Name", company);
                set("Account", values, "Phone", phone(random));
                set("Account", values, "Web", "https://www." + domain(company));
                set("Account", values, "Code", String.format("ACC-%06d", accounts.size() + 1));
                set("Account", values, "OwnerId", CreatioIds.SUPERVISOR_CONTACT);
                accounts.add((UUID) values[Entity.ID]);
            });
            generate("Contact", request.contacts(), random, from, spanMicros, (values) -> {
                String first = pick(random, FIRST);
                String last = pick(random, LAST);
                set("Contact", values, "Name", first + " " + last);
                set("Contact", values, "GivenName", first);
                set("Contact", values, "Surname", last);
                set("Contact", values, "JobTitle", pick(random, TITLES));
                set("Contact", values, "Email", email(first, last, contacts.size(), "example.org"));
                set("Contact", values, "MobilePhone", phone(random));
                set("Contact", values, "Confirmed", Boolean.TRUE);
                set("Contact", values, "OwnerId", CreatioIds.SUPERVISOR_CONTACT);
                if (!accounts.isEmpty()) {
                    set("Contact", values, "AccountId", accounts.get(random.nextInt(accounts.size())));
                }
                contacts.add((UUID) values[Entity.ID]);
            });
            generate("Lead", request.leads(), random, from, spanMicros, (values) -> {
                String first = pick(random, FIRST);
                String last = pick(random, LAST);
                String company = company(random);
                String name = first + " " + last;
                set("Lead", values, "LeadName", name);
                set("Lead", values, "Contact", name);
                set("Lead", values, "Account", company);
                set("Lead", values, "FullJobTitle", pick(random, TITLES));
                set("Lead", values, "Email", email(first, last, leads.size(), domain(company)));
                set("Lead", values, "BusinesPhone", phone(random));
                set("Lead", values, "QualifyStatusId", QUALIFY[random.nextInt(QUALIFY.length)]);
                set("Lead", values, "StatusId", CreatioIds.LEAD_STATUS_NEW);
                set("Lead", values, "RegisterMethodId", CreatioIds.REGISTER_METHOD_MANUAL);
                set("Lead", values, "LeadSourceId", CreatioIds.named("LeadSource:"
                        + List.of("Website", "Event", "Referral", "Cold call", "Social media").get(random.nextInt(5))));
                set("Lead", values, "OwnerId", CreatioIds.SUPERVISOR_CONTACT);
                if (random.nextInt(3) == 0) {
                    set("Lead", values, "Budget", BigDecimal.valueOf(random.nextInt(1, 500) * 1000L));
                }
                if (random.nextInt(10) == 0) {
                    set("Lead", values, "Commentary", "Met at a trade fair; interested in a pilot.");
                }
                leads.add((UUID) values[Entity.ID]);
            });
            generate("Activity", request.activities(), random, from, spanMicros, (values) -> {
                Instant start = ((Instant) values[Entity.MODIFIED_ON]).plus(Duration.ofDays(random.nextInt(1, 14)));
                String who = contacts.isEmpty() ? company(random) : pick(random, FIRST) + " " + pick(random, LAST);
                set("Activity", values, "Title", pick(random, ACTIVITY_TITLES) + who);
                set("Activity", values, "StartDate", start);
                set("Activity", values, "DueDate", start.plus(Duration.ofMinutes(30L * random.nextInt(1, 5))));
                set("Activity", values, "StatusId", random.nextInt(3) == 0 ? CreatioIds.STATUS_COMPLETED
                        : CreatioIds.STATUS_NOT_STARTED);
                set("Activity", values, "PriorityId", CreatioIds.PRIORITY_MEDIUM);
                set("Activity", values, "ActivityCategoryId", CreatioIds.CATEGORY_MEETING);
                set("Activity", values, "TypeId", CreatioIds.ACTIVITY_TYPE_TASK);
                set("Activity", values, "OwnerId", CreatioIds.SUPERVISOR_CONTACT);
                set("Activity", values, "AuthorId", CreatioIds.SUPERVISOR_CONTACT);
                if (!contacts.isEmpty()) {
                    set("Activity", values, "ContactId", contacts.get(random.nextInt(contacts.size())));
                }
                if (!accounts.isEmpty()) {
                    set("Activity", values, "AccountId", accounts.get(random.nextInt(accounts.size())));
                }
                if (!leads.isEmpty() && random.nextBoolean()) {
                    set("Activity", values, "LeadId", leads.get(random.nextInt(leads.size())));
                }
                activities.add(values);
            });
            // Each meeting gets its owner as the responsible participant and its contact as a participant.
            for (Object[] activity : activities) {
                participant(activity, CreatioIds.SUPERVISOR_CONTACT, CreatioIds.ROLE_RESPONSIBLE, random);
                Object contact = activity[model.type("Activity").ordinal("ContactId")];
                if (contact != null) {
                    participant(activity, (UUID) contact, CreatioIds.ROLE_PARTICIPANT, random);
                }
            }
            return null;
        });
        Map<String, Integer> counts = counts();
        long millis = (System.nanoTime() - started) / 1_000_000;
        Log.infof("Seeded %d leads, %d contacts, %d accounts, %d activities (seed %d) in %d ms", request.leads(),
                request.contacts(), request.accounts(), request.activities(), request.seed(), millis);
        return new SeedResult(counts, millis);
    }

    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        store.tables().forEach((name, table) -> counts.put(name, table.size()));
        return counts;
    }

    private void generate(String set, int count, SplittableRandom random, Instant from, long spanMicros,
            Consumer<Object[]> fill) {
        EntityType type = model.type(set);
        int width = type.columns().size();
        long stepMicros = count == 0 ? 0 : Math.max(1, spanMicros / count);
        Instant previous = null;
        long offsetMicros = 0;
        for (int i = 0; i < count; i++) {
            Object[] values = new Object[width];
            values[Entity.ID] = randomGuid(random);
            Instant modified;
            if (previous != null && i % 20 == 0) {
                modified = previous;
            } else {
                offsetMicros += random.nextLong(1, 2 * stepMicros + 1);
                // Adds a sub-microsecond tick so the 7th fractional digit is exercised too.
                modified = from.plusNanos(offsetMicros * 1000 + random.nextInt(10) * 100L);
            }
            previous = modified;
            values[Entity.MODIFIED_ON] = modified;
            values[Entity.CREATED_ON] = modified.minus(Duration.ofMinutes(random.nextInt(0, 60 * 24 * 30)));
            values[Entity.CREATED_BY_ID] = CreatioIds.SUPERVISOR_CONTACT;
            values[Entity.MODIFIED_BY_ID] = CreatioIds.SUPERVISOR_CONTACT;
            fill.accept(values);
            store.put(set, new Entity(values));
        }
    }

    private void participant(Object[] activity, UUID contact, UUID role, SplittableRandom random) {
        EntityType type = model.type("ActivityParticipant");
        Object[] values = new Object[type.columns().size()];
        values[Entity.ID] = randomGuid(random);
        for (int column : new int[] {Entity.CREATED_ON, Entity.MODIFIED_ON, Entity.CREATED_BY_ID, Entity.MODIFIED_BY_ID}) {
            values[column] = activity[column];
        }
        values[type.ordinal("ActivityId")] = activity[Entity.ID];
        values[type.ordinal("ParticipantId")] = contact;
        values[type.ordinal("RoleId")] = role;
        store.put("ActivityParticipant", new Entity(values));
    }

    private void lookup(String set, UUID id, String name, Map<String, Object> extra) {
        EntityType type = model.type(set);
        Object[] values = base(type, id);
        values[type.ordinal("Name")] = name;
        extra.forEach((column, value) -> values[type.ordinal(column)] = value);
        store.put(set, new Entity(values));
    }

    private void contact(UUID id, String name, UUID account) {
        EntityType type = model.type("Contact");
        Object[] values = base(type, id);
        values[type.ordinal("Name")] = name;
        String[] parts = name.split(" ", 2);
        values[type.ordinal("GivenName")] = parts[0];
        if (parts.length > 1) {
            values[type.ordinal("Surname")] = parts[1];
        }
        values[type.ordinal("Confirmed")] = Boolean.TRUE;
        values[type.ordinal("AccountId")] = account;
        store.put("Contact", new Entity(values));
    }

    /** An active user ({@code SysAdminUnit} of type 4, an employee) and its contact. */
    private void user(UUID id, String name, UUID contact) {
        EntityType type = model.type("SysAdminUnit");
        Object[] values = base(type, id);
        values[type.ordinal("Name")] = name;
        values[type.ordinal("ContactId")] = contact;
        values[type.ordinal("SysAdminUnitTypeValue")] = CreatioIds.SYS_ADMIN_UNIT_USER;
        values[type.ordinal("Active")] = Boolean.TRUE;
        values[type.ordinal("ConnectionType")] = 0;
        store.put("SysAdminUnit", new Entity(values));
    }

    private static Object[] base(EntityType type, UUID id) {
        Object[] values = new Object[type.columns().size()];
        values[Entity.ID] = id;
        values[Entity.CREATED_ON] = BASELINE_TIME;
        values[Entity.MODIFIED_ON] = BASELINE_TIME;
        values[Entity.CREATED_BY_ID] = CreatioIds.SUPERVISOR_CONTACT;
        values[Entity.MODIFIED_BY_ID] = CreatioIds.SUPERVISOR_CONTACT;
        return values;
    }

    private void set(String set, Object[] values, String column, Object value) {
        values[model.type(set).ordinal(column)] = value;
    }

    private static String pick(SplittableRandom random, String[] pool) {
        return pool[random.nextInt(pool.length)];
    }

    private static String company(SplittableRandom random) {
        return pick(random, COMPANIES);
    }

    private static String domain(String company) {
        return DOMAINS.get(company);
    }

    private static String email(String first, String last, int n, String domain) {
        String local = (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "");
        return local + (n + 1) + "@" + domain;
    }

    private static String phone(SplittableRandom random) {
        return String.format("+1 555 %03d %04d", random.nextInt(1000), random.nextInt(10_000));
    }

    /** A version-4-shaped GUID from the seeded generator. */
    private static UUID randomGuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
