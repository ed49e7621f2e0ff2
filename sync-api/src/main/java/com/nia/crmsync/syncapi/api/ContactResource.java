package com.nia.crmsync.syncapi.api;

import java.util.List;

import jakarta.ws.rs.Path;

import com.nia.crmsync.syncapi.entity.Contact;
import com.nia.crmsync.syncapi.service.ContactInput;
import com.nia.crmsync.syncapi.service.ContactService;
import com.nia.crmsync.web.audit.AuditTrail;

/** NIA's contacts, listed by email; the endpoints are {@link RecordResource}'s. */
@Path(ContactResource.PATH)
public class ContactResource extends RecordResource<Contact, ContactInput, ContactView> {

    static final String PATH = "/api/v1/contacts";
    static final List<String> FILTERS = List.of();
    static final List<String> SEARCHED = List.of("fullName", "company");

    public ContactResource(ContactService contacts, AuditTrail audit) {
        super(contacts, audit, ContactView::of, "contact", PATH, FILTERS, SEARCHED);
    }
}
