package com.nia.crmsync.syncapi.api;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import com.nia.crmsync.syncapi.entity.NiaRecordEntity;
import com.nia.crmsync.syncapi.service.Created;
import com.nia.crmsync.syncapi.service.NiaRecordStore;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.list.PageView;

/**
 * The HTTP answers of an NIA record store (leads, contacts), shared by their resources: the record
 * as its view with its version as {@code ETag}, 201 with a {@code Location} for a creation (200 for a
 * repeated idempotent one), 204 for a delete; every change names its target and states before and
 * after in the audit trail.
 *
 * @param <E> the entity
 * @param <I> the input a client writes
 * @param <V> the view the API shows
 */
final class RecordEndpoints<E extends NiaRecordEntity, I, V> {

    private final NiaRecordStore<E, I> store;
    private final AuditTrail audit;
    private final Function<E, V> view;
    private final String noun;
    private final String path;

    /**
     * @param noun the record's name in audit targets ({@code lead})
     * @param path the collection's path ({@code /api/v1/leads})
     */
    RecordEndpoints(NiaRecordStore<E, I> store, AuditTrail audit, Function<E, V> view, String noun, String path) {
        this.store = store;
        this.audit = audit;
        this.view = view;
        this.noun = noun;
        this.path = path;
    }

    PageView<V> page(PageView<E> found) {
        return new PageView<>(found.items().stream().map(view).toList(), found.page(), found.size(), found.total());
    }

    Response get(UUID id) {
        E record = store.get(id);
        return Response.ok(view.apply(record)).tag(Versions.tag(record.version)).build();
    }

    Response create(I input, String idempotencyKey) {
        Created<E> created = store.create(input, idempotencyKey);
        E record = created.view();
        V after = view.apply(record);
        audit.target(noun + "/" + record.id).after(after);
        return Response.status(created.isNew() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create(path + "/" + record.id))
                .tag(Versions.tag(record.version))
                .entity(after).build();
    }

    Response replace(UUID id, I input, String ifMatch) {
        V before = view.apply(store.get(id));
        E record = store.replace(id, input, Versions.ifMatch(ifMatch));
        V after = view.apply(record);
        audit.target(noun + "/" + id).before(before).after(after);
        return Response.ok(after).tag(Versions.tag(record.version)).build();
    }

    Response delete(UUID id, String ifMatch) {
        V before = view.apply(store.get(id));
        V after = view.apply(store.delete(id, Versions.ifMatch(ifMatch)));
        audit.target(noun + "/" + id).before(before).after(after);
        return Response.noContent().build();
    }
}
