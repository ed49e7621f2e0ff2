package com.nia.crmsync.syncapi.api;

import java.util.List;

import jakarta.ws.rs.Path;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.records.NiaRecordKinds;
import com.nia.crmsync.syncapi.service.LeadInput;
import com.nia.crmsync.syncapi.service.LeadService;
import com.nia.crmsync.web.audit.AuditTrail;

/** NIA's leads, listed by email and status, each with its lookups' names; the endpoints are {@link RecordResource}'s. */
@Path(LeadResource.PATH)
public class LeadResource extends RecordResource<Lead, LeadInput, LeadView> {

    static final String PATH = "/api/v1/leads";
    static final List<String> FILTERS = List.of("status");
    static final List<String> SEARCHED = List.of("firstName", "lastName", "company");

    public LeadResource(LeadService leads, AuditTrail audit, LookupViews lookups, NiaRecordKinds kinds) {
        super(leads, audit, l -> LeadView.of(l, lookups.of(EntityType.LEAD, kinds.leads().record(l))), "lead", PATH, FILTERS, SEARCHED);
    }
}
