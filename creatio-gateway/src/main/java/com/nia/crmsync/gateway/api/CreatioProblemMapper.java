package com.nia.crmsync.gateway.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;

import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.failure.Failures;
import com.nia.crmsync.gateway.failure.RequestFailures;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemMappers;

/**
 * Turns the Creatio error family — Creatio's own answers, the budget's refusals, the identity
 * service's, and the fault-tolerance layer's open breakers and timeouts — into common-web's
 * problem+json with three extension members: {@code code} (the stable {@link ErrorCode}),
 * {@code creatioStatus} (Creatio's own status; absent when Creatio gave none) and
 * {@code retryAfterSeconds}, mirroring the {@code Retry-After} header that a refusal that can pass
 * later carries. An open breaker met by a retry after this request's own Creatio failure is answered
 * with that failure (see {@link RequestFailures}). Every other error is answered by common-web's {@link ProblemMappers}.
 */
public class CreatioProblemMapper {

    private final RequestFailures failures;

    public CreatioProblemMapper(RequestFailures failures) {
        this.failures = failures;
    }

    @ServerExceptionMapper
    public Response creatio(CreatioException failure) {
        Long retryAfter = failure.retryAfter().map(d -> Math.max(1, d.toSeconds() + (d.toMillisPart() > 0 ? 1 : 0))).orElse(null);
        if (retryAfter == null && failure.code() == ErrorCode.BUDGET_EXHAUSTED) {
            retryAfter = 1L;
        }
        return problem(failure.code(), failure.creatioStatus() == 0 ? null : failure.creatioStatus(), failure.getMessage(), retryAfter);
    }

    @ServerExceptionMapper
    public Response circuitOpen(CircuitBreakerOpenException failure) {
        Optional<CreatioException> met = failures.last();
        if (met.isPresent()) {
            // a retry met the breaker that this request's own failure opened: that failure is the answer
            // (a call was made, so it counts as the record's attempt)
            return creatio(met.get());
        }
        return problem(ErrorCode.CREATIO_CIRCUIT_OPEN, null, Failures.message(failure), 5L);
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException failure) {
        return problem(ErrorCode.CREATIO_TIMEOUT, null, Failures.message(failure), null);
    }

    static Response problem(ErrorCode code, Integer creatioStatus, String detail, Long retryAfterSeconds) {
        if (code.httpStatus() >= 500) {
            Log.warnf("Creatio call failed: %s (Creatio status %s): %s", code, creatioStatus, detail);
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.put("creatioStatus", creatioStatus);
        extensions.put("retryAfterSeconds", retryAfterSeconds);
        Problem body = new Problem("urn:nia:creatio-gateway:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'), title(code),
                code.httpStatus(), detail, null, null, extensions);
        Response.ResponseBuilder response = Response.status(code.httpStatus()).type(Problem.MEDIA_TYPE).entity(body);
        if (retryAfterSeconds != null) {
            response.header("Retry-After", retryAfterSeconds);
        }
        return response.build();
    }

    private static String title(ErrorCode code) {
        return switch (code) {
            case BUDGET_EXHAUSTED -> "Creatio call budget exhausted";
            case INVALID_REQUEST -> "Invalid request";
            case CREATIO_NOT_FOUND -> "Not found in Creatio";
            case IDENTITY_UNAVAILABLE, CREATIO_CREDENTIALS_REJECTED, CREATIO_NOT_CONFIGURED -> "Creatio authentication failed";
            default -> "Creatio call failed";
        };
    }
}
