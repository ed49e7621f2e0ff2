package com.nia.crmsync.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The dependency rules of the code base, as functions of the modules' root packages, so that the
 * same rule runs against the real modules ({@link Modules}) and against a deliberately broken
 * fixture (which shows that it can fail).
 */
final class ArchitectureRules {

    /** What an outbound REST client interface carries; its package may speak JAX-RS. */
    static final String REST_CLIENT = "org.eclipse.microprofile.rest.client.inject.RegisterRestClient";

    private ArchitectureRules() {
    }

    /** No service module imports another: each talks to the others over Kafka or HTTP only. */
    static ArchRule noServiceImportsAnother(List<String> serviceRoots) {
        List<ArchRule> rules = new ArrayList<>();
        for (String root : serviceRoots) {
            String[] others = serviceRoots.stream().filter(r -> !r.equals(root)).map(r -> r + "..").toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(root + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .as("no class of " + root + " depends on another service module"));
        }
        return CompositeArchRule.of(rules).as("no service module imports another");
    }

    /** The shared model depends on nothing of ours: every service may use it, so it may use none. */
    static ArchRule modelDependsOnNothingOfOurs(String modelRoot, String ourRoot) {
        return noClasses().that().resideInAPackage(modelRoot + "..")
                .should().dependOnClassesThat(resideInAPackage(ourRoot + "..").and(resideOutsideOfPackage(modelRoot + "..")))
                .as(modelRoot + " depends on nothing of ours");
    }

    /**
     * Only the gateway speaks OData: no class elsewhere is an OData class, uses one, or uses the
     * low-level HTTP clients the gateway speaks it with (everyone else calls the gateway's internal API).
     */
    static ArchRule onlyTheGatewaySpeaksOData(String gatewayRoot, String ourRoot) {
        DescribedPredicate<JavaClass> odata = describe("speak OData (an OData class, or the gateway's raw HTTP clients)",
                c -> c.getSimpleName().contains("OData")
                        || c.getPackageName().startsWith("io.vertx.ext.web.client")
                        || c.getPackageName().startsWith("io.vertx.mutiny.ext.web.client")
                        || c.getPackageName().startsWith("java.net.http"));
        return noClasses().that().resideInAPackage(ourRoot + "..").and().resideOutsideOfPackage(gatewayRoot + "..")
                .should().dependOnClassesThat(odata)
                .orShould().haveSimpleNameContaining("OData")
                .as("only " + gatewayRoot + " speaks OData");
    }

    /** No cycle between the packages of any module (slices one level below the module's root). */
    static ArchRule noPackageCycles(List<String> moduleRoots) {
        List<ArchRule> rules = new ArrayList<>();
        for (String root : moduleRoots) {
            rules.add(slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true)
                    .as("the packages of " + root + " are free of cycles (a module of one package has none)"));
        }
        return CompositeArchRule.of(rules).as("no package cycle in any module");
    }

    /**
     * Nothing outside a service's {@code api} package imports JAX-RS types, except the package of an
     * outbound REST client (the one holding a {@code @RegisterRestClient} interface): MicroProfile REST
     * Client is JAX-RS by nature (its paths, its response mapper, its processing failures), and that
     * package is where the decorated client keeps them from everyone else.
     */
    static ArchRule jaxRsOnlyInApi(List<String> serviceRoots) {
        List<ArchRule> rules = new ArrayList<>();
        for (String root : serviceRoots) {
            rules.add(noClasses().that().resideInAPackage(root + "..")
                    .and().resideOutsideOfPackage(root + ".api..")
                    .and(describe("are not in an outbound REST client package", (JavaClass c) -> !inRestClientPackage(c)))
                    .should().dependOnClassesThat(resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy.reactive.."))
                    .as("nothing in " + root + " outside api imports JAX-RS types"));
        }
        return CompositeArchRule.of(rules).as("nothing outside api imports JAX-RS types");
    }

    /** No class under {@code api} is used by the layers below it. */
    static ArchRule apiUsedByNothingBelow(List<String> serviceRoots) {
        List<ArchRule> rules = new ArrayList<>();
        for (String root : serviceRoots) {
            rules.add(noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".api..")
                    .should().dependOnClassesThat().resideInAPackage(root + ".api..")
                    .as("no class of " + root + " below api uses api"));
        }
        return CompositeArchRule.of(rules).as("no class under api is used by the layers below it");
    }

    private static boolean inRestClientPackage(JavaClass c) {
        return c.getPackage().getClasses().stream().anyMatch(other -> other.isAnnotatedWith(REST_CLIENT));
    }
}
