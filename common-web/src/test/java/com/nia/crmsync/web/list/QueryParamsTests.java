package com.nia.crmsync.web.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/** The list parameters: parsed, every bad one named, then one 400 for them all. */
class QueryParamsTests {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    @Test
    void readsAUuidAndTakesABlankOneAsAbsent() {
        UUID id = UUID.randomUUID();

        assertThat(QueryParams.uuid(" " + id + " ", "lead", errors)).isEqualTo(id);
        assertThat(QueryParams.uuid("  ", "lead", errors)).isNull();
        assertThat(QueryParams.uuid(null, "lead", errors)).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void namesABadUuid() {
        assertThat(QueryParams.uuid("not-a-uuid", "meeting", errors)).isNull();

        assertThat(errors).containsExactly(new Problem.FieldError("meeting", "must be a UUID"));
    }

    @Test
    void readsANumberInItsRangeAndGivesTheDefaultWhenAbsent() {
        assertThat(QueryParams.integer("3", "page", 1, 1, 10_000, errors)).isEqualTo(3);
        assertThat(QueryParams.integer(null, "page", 1, 1, 10_000, errors)).isEqualTo(1);
        assertThat(errors).isEmpty();
    }

    @Test
    void namesANumberOutOfRangeOrNotANumberTheSameWay() {
        assertThat(QueryParams.integer("0", "size", 50, 1, 500, errors)).isEqualTo(50);
        assertThat(QueryParams.integer("lots", "page", 1, 1, 10_000, errors)).isEqualTo(1);

        assertThat(errors).containsExactly(new Problem.FieldError("size", "must be between 1 and 500"),
                new Problem.FieldError("page", "must be between 1 and 10000"));
    }

    @Test
    void throwsOne400ForAllTheBadParameters() {
        QueryParams.uuid("x", "lead", errors);
        QueryParams.integer("-1", "size", 50, 1, 500, errors);

        ProblemException thrown = catchThrowableOfType(ProblemException.class, () -> QueryParams.check(errors));

        assertThat(thrown.status()).isEqualTo(400);
        Problem problem = thrown.toProblem("/api/v1/list");
        assertThat(problem.title()).isEqualTo("Invalid request");
        assertThat(problem.detail()).isEqualTo("2 parameter(s) are invalid");
        assertThat(problem.errors()).hasSize(2);
    }

    @Test
    void passesWhenNothingIsWrong() {
        assertThatCode(() -> QueryParams.check(errors)).doesNotThrowAnyException();
    }
}
