package org.tingvakt.eventing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shared eventing module (outbox, idempotent consumer, dead letters) and api-conventions (problem bodies, roles,
 * rate limits) sit under every service: among the project's modules they may use only the contracts, never a service,
 * the classifier or devstack.
 */
@AnalyzeClasses(
        packages = {"org.tingvakt.eventing", "org.tingvakt.problem", "org.tingvakt.security", "org.tingvakt.ratelimit"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] OWN_PACKAGES = {
        "org.tingvakt.eventing..", "org.tingvakt.problem..", "org.tingvakt.security..", "org.tingvakt.ratelimit.."
    };

    @ArchTest
    static final ArchRule usesOnlyTheContractsAndSharedPiecesOfTheProject = noClasses()
            .should()
            .dependOnClassesThat(resideInAPackage("org.tingvakt..")
                    .and(not(resideInAnyPackage(OWN_PACKAGES)))
                    .and(not(resideInAnyPackage("org.tingvakt.contracts..", "org.tingvakt.retry.."))))
            .because("services depend on eventing, so eventing depending on a service (or on anything but the "
                    + "contracts and the framework-free shared modules) would tie every service to it");

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("org.tingvakt.(*)..").should().beFreeOfCycles();
}
