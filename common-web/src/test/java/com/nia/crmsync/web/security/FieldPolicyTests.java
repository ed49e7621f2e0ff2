package com.nia.crmsync.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The field policy on plain Jackson: the same object written for different callers. */
class FieldPolicyTests {

    record Lead(String id, String name, BigDecimal budget) {
    }

    record Plan(String entity, Map<String, Object> changes) {
    }

    private final AtomicReference<Set<String>> roles = new AtomicReference<>(Set.of());
    private final ObjectMapper mapper = new ObjectMapper().registerModule(FieldPolicy.module(roles::get));

    @Test
    void hidesTheBudgetOfALeadFromAViewer() throws Exception {
        roles.set(Set.of(Roles.VIEWER));
        assertThat(mapper.writeValueAsString(new Lead("l-1", "Acme", new BigDecimal("50000"))))
                .isEqualTo("{\"id\":\"l-1\",\"name\":\"Acme\"}");
    }

    @Test
    void showsTheBudgetToAnOperatorAnAdminAndAService() throws Exception {
        for (String role : Set.of(Roles.OPERATOR, Roles.ADMIN, Roles.SYNC_SERVICE)) {
            roles.set(Set.of(role));
            assertThat(mapper.writeValueAsString(new Lead("l-1", "Acme", new BigDecimal("50000"))))
                    .as(role).contains("\"budget\":50000");
        }
    }

    @Test
    void hidesASensitiveKeyInsideAMapOfChangesToo() throws Exception {
        roles.set(Set.of(Roles.VIEWER));
        String json = mapper.writeValueAsString(new Plan("lead", Map.of("name", "Acme", "budget", 5, "estimatedBudget", 7)));
        assertThat(json).contains("\"name\":\"Acme\"").doesNotContain("budget").doesNotContain("Budget");
    }

    @Test
    void hidesTheBudgetFromACallerWithoutRoles() throws Exception {
        roles.set(Set.of());
        assertThat(mapper.writeValueAsString(new Lead("l-1", "Acme", BigDecimal.ONE))).doesNotContain("budget");
    }

    @Test
    void answersFieldByFieldViews() {
        assertThat(FieldPolicy.visible("budget", Set.of(Roles.VIEWER))).isFalse();
        assertThat(FieldPolicy.visible("budget", Set.of(Roles.VIEWER, Roles.OPERATOR))).isTrue();
        assertThat(FieldPolicy.visible("name", Set.of())).isTrue();
    }
}
