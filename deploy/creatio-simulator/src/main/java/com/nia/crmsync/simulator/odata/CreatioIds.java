package com.nia.crmsync.simulator.odata;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Well-known lookup GUIDs, identical across Creatio instances (creatio-api.md §2.4). Rows whose
 * real GUIDs are not public get name-based GUIDs that stay stable between runs.
 */
public final class CreatioIds {

    public static final UUID ZERO = new UUID(0, 0);

    public static final UUID ACTIVITY_TYPE_TASK = UUID.fromString("fbe0acdc-cfc0-df11-b00f-001d60e938c6");
    public static final UUID ACTIVITY_TYPE_EMAIL = UUID.fromString("e2831dec-cfc0-df11-b00f-001d60e938c6");
    public static final UUID ACTIVITY_TYPE_CALL = UUID.fromString("e1831dec-cfc0-df11-b00f-001d60e938c6");
    public static final UUID ACTIVITY_TYPE_VISIT = UUID.fromString("e3831dec-cfc0-df11-b00f-001d60e938c6");

    public static final UUID CATEGORY_TODO = UUID.fromString("f51c4643-58e6-df11-971b-001d60e938c6");
    public static final UUID CATEGORY_MEETING = UUID.fromString("42c74c49-58e6-df11-971b-001d60e938c6");
    public static final UUID CATEGORY_EMAIL = UUID.fromString("8038a396-7825-e011-8165-00155d043204");
    public static final UUID CATEGORY_CALL = UUID.fromString("e52bd583-7825-e011-8165-00155d043204");
    public static final UUID CATEGORY_CALL_AS_TASK = UUID.fromString("03df85bf-6b19-4dea-8463-d5d49b80bb28");
    public static final UUID CATEGORY_PAPERWORK = UUID.fromString("2365ae4f-58e6-df11-971b-001d60e938c6");

    public static final UUID STATUS_NOT_STARTED = UUID.fromString("384d4b84-58e6-df11-971b-001d60e938c6");
    public static final UUID STATUS_IN_PROGRESS = UUID.fromString("394d4b84-58e6-df11-971b-001d60e938c6");
    public static final UUID STATUS_COMPLETED = UUID.fromString("4bdbb88f-58e6-df11-971b-001d60e938c6");
    public static final UUID STATUS_CANCELED = UUID.fromString("201cfba8-58e6-df11-971b-001d60e938c6");

    public static final UUID PRIORITY_HIGH = UUID.fromString("d625a9fc-7ee6-df11-971b-001d60e938c6");
    public static final UUID PRIORITY_MEDIUM = UUID.fromString("ab96fa02-7fe6-df11-971b-001d60e938c6");
    public static final UUID PRIORITY_LOW = UUID.fromString("ac96fa02-7fe6-df11-971b-001d60e938c6");

    public static final UUID ROLE_PARTICIPANT = UUID.fromString("1a8324e8-a6e1-df11-971b-001d60e938c6");
    public static final UUID ROLE_RESPONSIBLE = UUID.fromString("53fc4a92-b0ea-e111-96c4-00165d094c12");

    public static final UUID QUALIFY_QUALIFICATION = UUID.fromString("d790a45d-03ff-4ddb-9dea-8087722c582c");
    public static final UUID QUALIFY_DISTRIBUTION = UUID.fromString("14cfc644-e3ed-497e-8279-ed4319bb8093");
    public static final UUID QUALIFY_HANDOFF = UUID.fromString("ceb70b3c-985f-4867-ae7c-88f9dd710688");
    public static final UUID QUALIFY_AWAITING_SALE = UUID.fromString("7a90900b-53b5-4598-92b3-0aee90626c56");
    public static final UUID QUALIFY_WAITING_FOR_ORDER = UUID.fromString("04c03a3d-19df-4da2-8313-b8a57e11ef43");
    public static final UUID QUALIFY_DISQUALIFIED = UUID.fromString("128c3718-771a-4d1e-9035-6fa135ca5f70");
    public static final UUID QUALIFY_NOT_INTERESTED = UUID.fromString("51adc3ec-3503-4b10-a00b-8be3b0e11f08");
    public static final UUID QUALIFY_SATISFIED = UUID.fromString("0a0808c5-5415-41f0-bea3-118cc3089959");

    public static final UUID LEAD_STATUS_NEW = UUID.fromString("bd3511f8-f36b-1410-4493-1c6f65e16a07");
    public static final UUID LEAD_STATUS_QUALIFIED_NEW = UUID.fromString("7d372f02-f46b-1410-4593-1c6f65e16a07");
    public static final UUID LEAD_STATUS_QUALIFIED_EXISTING = UUID.fromString("7d3f3116-f46b-1410-4693-1c6f65e16a07");

    public static final UUID REGISTER_METHOD_MANUAL = UUID.fromString("240ab9c6-4d7c-4688-b380-af44dd147d7a");

    /** The demo "Supervisor" contact that acts as the human Creatio user of {@code /sim/act}. */
    public static final UUID SUPERVISOR_CONTACT = UUID.fromString("410006e1-ca4e-4502-a9ec-e54d922d2c00");
    /** The "Supervisor" user ({@code SysAdminUnit}) of every Creatio. */
    public static final UUID SUPERVISOR_USER = UUID.fromString("7f3b869f-34f3-4f20-ab4d-7480a5fdf647");
    /** {@code SysAdminUnit.SysAdminUnitTypeValue} of a user (0–3 are organisations, divisions and roles). */
    public static final int SYS_ADMIN_UNIT_USER = 4;

    private CreatioIds() {
    }

    /** A GUID derived from a name, stable between runs, for rows whose real GUID is not public. */
    public static UUID named(String name) {
        return UUID.nameUUIDFromBytes(("creatio-simulator:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
