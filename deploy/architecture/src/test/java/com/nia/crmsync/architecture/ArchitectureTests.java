package com.nia.crmsync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The rules hold for the project's modules, and each one fails on the deliberately broken fixture
 * under {@code fixture} (so a rule that silently matches nothing would be noticed).
 */
class ArchitectureTests {

    private static final String F = "com.nia.crmsync.architecture.fixture";
    private static final List<String> FIXTURE_SERVICES = List.of(F + ".alpha", F + ".beta", F + ".gw");

    @Test
    void theModulesImportClassesOfEveryModule() {
        JavaClasses main = Modules.main();
        for (String root : Modules.all()) {
            assertThat(main.stream().filter(c -> c.getPackageName().startsWith(root)).count())
                    .as("classes under " + root).isGreaterThan(3);
        }
    }

    @Test
    void noServiceModuleImportsAnother() {
        ArchitectureRules.noServiceImportsAnother(Modules.SERVICES).check(Modules.main());
        assertFailsOnFixture(ArchitectureRules.noServiceImportsAnother(FIXTURE_SERVICES), "AlphaService", "BetaThing");
    }

    @Test
    void commonModelDependsOnNothingOfOurs() {
        ArchitectureRules.modelDependsOnNothingOfOurs(Modules.MODEL, Modules.OURS).check(Modules.main());
        assertFailsOnFixture(ArchitectureRules.modelDependsOnNothingOfOurs(F + ".model", F), "ModelEvent", "AlphaService");
    }

    @Test
    void onlyTheGatewaySpeaksOData() {
        ArchitectureRules.onlyTheGatewaySpeaksOData(Modules.GATEWAY, Modules.OURS).check(Modules.main());
        assertFailsOnFixture(ArchitectureRules.onlyTheGatewaySpeaksOData(F + ".gw", F), "BetaODataQuery");
    }

    @Test
    void noModuleHasAPackageCycle() {
        ArchitectureRules.noPackageCycles(Modules.all()).check(Modules.main());
        assertFailsOnFixture(ArchitectureRules.noPackageCycles(FIXTURE_SERVICES), "CycleOne", "CycleTwo");
    }

    @Test
    void nothingOutsideApiImportsJaxRs() {
        ArchitectureRules.jaxRsOnlyInApi(Modules.SERVICES).check(Modules.main());
        assertFailsOnFixture(ArchitectureRules.jaxRsOnlyInApi(FIXTURE_SERVICES), "AlphaService", "jakarta.ws.rs.core.Response");
        String report = String.join("\n", ArchitectureRules.jaxRsOnlyInApi(FIXTURE_SERVICES)
                .evaluate(new ClassFileImporter().importPackages(F)).getFailureReport().getDetails());
        assertThat(report).as("an outbound REST client package may speak JAX-RS").doesNotContain("AlphaClient", "AlphaRestClient");
    }

    @Test
    void noClassUnderApiIsUsedBelowIt() {
        ArchitectureRules.apiUsedByNothingBelow(Modules.SERVICES).check(Modules.main());
        assertFailsOnFixture(ArchitectureRules.apiUsedByNothingBelow(FIXTURE_SERVICES), "AlphaService", "AlphaView");
    }

    private static void assertFailsOnFixture(ArchRule rule, String... named) {
        JavaClasses fixture = new ClassFileImporter().importPackages(F);
        assertThat(fixture.size()).as("fixture classes").isGreaterThan(5);
        EvaluationResult result = rule.evaluate(fixture);
        assertThat(result.hasViolation()).as(rule.getDescription() + " fails on the broken fixture").isTrue();
        String report = String.join("\n", result.getFailureReport().getDetails());
        for (String name : named) {
            assertThat(report).as("the violation names " + name).contains(name);
        }
    }
}
