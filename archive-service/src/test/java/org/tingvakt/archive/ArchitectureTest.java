package org.tingvakt.archive;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.tingvakt.devstack.testing.ServiceArchitectureRules;

/**
 * The archive's package boundaries, checked on every build: packages depend one way (entry points on features, features
 * on the record, the record on its building blocks), REST resources delegate to services instead of querying the
 * database, and the archive uses no other service's code (services talk through Kafka events and REST only).
 */
@AnalyzeClasses(packages = "org.tingvakt.archive", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String BASE = "org.tingvakt.archive";

    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles = ServiceArchitectureRules.topLevelPackagesHaveNoCycles(BASE);

    /**
     * Entry points (the Kafka consumer that captures evidence, the whole-archive admin API, export) use the features;
     * registration and retention act on records and never on each other; a record knows nothing of who registers,
     * retains or captures it; proof (hashes, the chain) depends on nothing.
     */
    @ArchTest
    static final ArchRule packagesDependOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Entry points")
            .definedBy(BASE + ".capture..", BASE + ".admin..", BASE + ".export..")
            .layer("Registration")
            .definedBy(BASE + ".registration..")
            .layer("Retention")
            .definedBy(BASE + ".retention..")
            .layer("Record")
            .definedBy(BASE + ".record..")
            .layer("Account")
            .definedBy(BASE + ".account..")
            .layer("Audit")
            .definedBy(BASE + ".audit..")
            .layer("Search")
            .definedBy(BASE + ".search..")
            .layer("Render")
            .definedBy(BASE + ".render..")
            .layer("Storage")
            .definedBy(BASE + ".storage..")
            .layer("Proof")
            .definedBy(BASE + ".proof..")
            .whereLayer("Entry points")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Registration")
            .mayOnlyBeAccessedByLayers("Entry points")
            .whereLayer("Retention")
            .mayOnlyBeAccessedByLayers("Entry points")
            .whereLayer("Record")
            .mayOnlyBeAccessedByLayers("Registration", "Retention", "Entry points")
            .whereLayer("Account")
            .mayOnlyBeAccessedByLayers("Record", "Registration", "Retention", "Entry points")
            .whereLayer("Audit")
            .mayOnlyBeAccessedByLayers("Account", "Record", "Registration", "Retention", "Entry points")
            .whereLayer("Search")
            .mayOnlyBeAccessedByLayers("Record", "Registration", "Retention", "Entry points")
            .whereLayer("Render")
            .mayOnlyBeAccessedByLayers("Record", "Registration", "Retention", "Entry points")
            .whereLayer("Storage")
            .mayOnlyBeAccessedByLayers("Record", "Registration", "Retention", "Entry points")
            .whereLayer("Proof")
            .mayOnlyBeAccessedByLayers(
                    "Storage", "Audit", "Account", "Record", "Registration", "Retention", "Entry points");

    @ArchTest
    static final ArchRule resourcesDoNotTouchTheDatabase = ServiceArchitectureRules.resourcesDoNotTouchTheDatabase();

    @ArchTest
    static final ArchRule resourcesLeaveTransactionsToServices =
            ServiceArchitectureRules.resourcesLeaveTransactionsToServices();

    @ArchTest
    static final ArchRule resourceMethodsLeaveTransactionsToServices =
            ServiceArchitectureRules.resourceMethodsLeaveTransactionsToServices();

    @ArchTest
    static final ArchRule settingsComeFromConfigMappings = ServiceArchitectureRules.settingsComeFromConfigMappings();

    @ArchTest
    static final ArchRule usesNoOtherServicesCode = ServiceArchitectureRules.usesNoOtherServicesCode(BASE);
}
