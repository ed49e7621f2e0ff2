package com.nia.crmsync.architecture;

import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The project's modules by root package, and their main classes (tests excluded). */
final class Modules {

    static final String OURS = "com.nia.crmsync";
    static final String MODEL = OURS + ".model";
    static final String GATEWAY = OURS + ".gateway";
    /** The services: sync-api, sync-worker, conflict-service, creatio-gateway. */
    static final List<String> SERVICES = List.of(OURS + ".syncapi", OURS + ".worker", OURS + ".conflict", GATEWAY);
    /** The shared libraries: common-model, common-messaging, common-web. */
    static final List<String> LIBRARIES = List.of(MODEL, OURS + ".messaging", OURS + ".web");

    private static JavaClasses main;

    private Modules() {
    }

    static List<String> all() {
        return Stream.concat(SERVICES.stream(), LIBRARIES.stream()).toList();
    }

    /** Every module's main classes (deploy tooling, the simulator and the tests are not under these rules). */
    static synchronized JavaClasses main() {
        if (main == null) {
            main = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages(all());
        }
        return main;
    }
}
