package com.nia.crmsync.worker.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.BatchItem;
import com.nia.crmsync.model.gateway.BatchRequest;
import com.nia.crmsync.model.gateway.CreateRequest;
import com.nia.crmsync.model.gateway.CreateResponse;
import com.nia.crmsync.model.gateway.FindRequest;
import com.nia.crmsync.model.gateway.FindResponse;
import com.nia.crmsync.model.gateway.ItemOutcome;
import com.nia.crmsync.model.gateway.LookupNamesRequest;
import com.nia.crmsync.model.gateway.PageResponse;
import com.nia.crmsync.model.gateway.ReadManyRequest;
import com.nia.crmsync.model.gateway.ReadManyResponse;
import com.nia.crmsync.worker.failure.Action;
import com.nia.crmsync.worker.failure.Failures;
import com.nia.crmsync.worker.failure.WorkerCannotWork;

/**
 * {@link CreatioPort} over the gateway's internal REST API. A failure of the worker's own dependencies (the
 * gateway unreachable or down, its token refused or not issued) is a {@link WorkerCannotWork}, not a failure of the record.
 * Column sizes are kept per entity set in cache {@value #SIZES_CACHE}
 * ({@code quarkus.cache.caffeine.column-sizes.expire-after-write}), as the gateway keeps {@code $metadata}.
 */
@ApplicationScoped
public class GatewayCreatioPort implements CreatioPort {

    /** The cache of text column sizes per entity set. */
    public static final String SIZES_CACHE = "column-sizes";

    private final GatewayApi api;

    public GatewayCreatioPort(@RestClient GatewayApi api) {
        this.api = api;
    }

    @Override
    public Optional<Map<String, Object>> get(Lane lane, String set, UUID id, List<String> select) {
        try {
            return Optional.of(call(() -> api.get(set, id, String.join(",", select), lane.wire())));
        } catch (GatewayException e) {
            if ("CREATIO_NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public ReadManyResponse read(Lane lane, String set, List<UUID> ids, List<String> select) {
        return call(() -> api.read(set, new ReadManyRequest(ids, select), lane.wire()));
    }

    @Override
    public FindResponse find(Lane lane, String set, String column, List<String> values, List<String> select) {
        return call(() -> api.find(set, new FindRequest(column, values, select), lane.wire()));
    }

    @Override
    public PageResponse changes(Lane lane, String set, java.time.Instant since, int top, int skip, List<String> select) {
        return call(() -> api.changes(set, since.toString(), top, skip, String.join(",", select), lane.wire()));
    }

    @Override
    public Optional<Map<String, Object>> create(Lane lane, String set, UUID id, Map<String, Object> columns) {
        CreateResponse created = call(() -> api.create(set, new CreateRequest(id, columns), lane.wire()));
        return created.verifiedByRead() && created.entity() != null ? Optional.of(created.entity()) : Optional.empty();
    }

    @Override
    public void update(Lane lane, String set, UUID id, Map<String, Object> columns) {
        call(() -> {
            api.update(set, id, columns, lane.wire());
            return null;
        });
    }

    @Override
    public void delete(Lane lane, String set, UUID id) {
        call(() -> {
            api.delete(set, id, lane.wire());
            return null;
        });
    }

    @Override
    @CacheResult(cacheName = SIZES_CACHE)
    public Map<String, Integer> maxLengths(Lane lane, @CacheKey String set) {
        Map<String, Integer> sizes = call(() -> api.columns(set, lane.wire())).maxLengths();
        return sizes == null ? Map.of() : Map.copyOf(sizes);
    }

    @Override
    public List<ItemOutcome> batch(Lane lane, List<BatchItem> items) {
        return call(() -> api.batch(new BatchRequest(items), lane.wire())).outcomes();
    }

    @Override
    public Map<String, Map<UUID, String>> lookupNames(Lane lane, Map<String, List<UUID>> ids) {
        Map<String, Map<UUID, String>> names = call(() -> api.lookupNames(new LookupNamesRequest(ids), lane.wire())).names();
        return names == null ? Map.of() : names;
    }

    /** A cheap authenticated call (the gateway's status, no Creatio call) that proves the worker can work. */
    public void probe() {
        call(api::status);
    }

    /**
     * Runs one call; a failure of the worker's own dependencies (its token, the identity provider, the
     * gateway itself: {@link Failures}) becomes {@link WorkerCannotWork}, anything else a {@link GatewayException}.
     */
    private static <T> T call(java.util.function.Supplier<T> call) {
        GatewayException failed;
        try {
            return call.get();
        } catch (GatewayException e) {
            failed = e;
        } catch (ProcessingException e) {
            failed = e.getCause() instanceof GatewayException g ? g : null;
            if (failed == null && Failures.of(e).action() == Action.STOP_TAKING_WORK) {
                throw new WorkerCannotWork(Failures.of(e), e);
            }
            if (failed == null) {
                failed = GatewayException.unreachable(e);
            }
        } catch (RuntimeException e) {
            Failures.Verdict verdict = Failures.of(e);
            if (verdict.action() == Action.STOP_TAKING_WORK) {
                throw new WorkerCannotWork(verdict, e);
            }
            throw e;
        }
        Failures.Verdict verdict = Failures.ofGateway(failed.error());
        if (verdict.action() == Action.STOP_TAKING_WORK) {
            throw new WorkerCannotWork(verdict, failed);
        }
        throw failed;
    }
}
