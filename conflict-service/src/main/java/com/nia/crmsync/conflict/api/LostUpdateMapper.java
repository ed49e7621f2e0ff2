package com.nia.crmsync.conflict.api;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemMappers;

/**
 * The conflict service's own error family: a concurrent decision that lost the optimistic lock is
 * a 409 problem. Every other error is answered by common-web's {@link ProblemMappers}.
 */
public class LostUpdateMapper {

    @ServerExceptionMapper
    public Response concurrent(OptimisticLockException e, UriInfo uri) {
        return ProblemMappers.answer(new Problem(Problem.BLANK, "Conflict", 409,
                "the conflict was changed by someone else meanwhile; read it again", uri.getPath(), null));
    }
}
