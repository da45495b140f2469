package org.tingvakt.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;

/**
 * The notifier's package boundaries, checked on every build: packages depend one way (notification on tracking,
 * tracking on deadline rules, rules on calendars), REST resources delegate to services instead of querying the
 * database, and the notifier uses no other service's code (services talk through Kafka events and REST only).
 */
@AnalyzeClasses(packages = "org.tingvakt.notifier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String BASE = "org.tingvakt.notifier";

    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles =
            slices().matching(BASE + ".(*)..").should().beFreeOfCycles();

    /**
     * Notification (reminders, escalations, channels) follows the deadlines that tracking keeps; tracking computes them
     * with the deadline rules, which count workdays on the calendars. A lower package never calls up: tracking reaches
     * the reminders through {@code ReminderSchedule}, an interface it owns.
     */
    @ArchTest
    static final ArchRule packagesDependOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Notification")
            .definedBy(BASE + ".notification..")
            .layer("Tracking")
            .definedBy(BASE + ".tracking..")
            .layer("Deadline")
            .definedBy(BASE + ".deadline..")
            .layer("Calendar")
            .definedBy(BASE + ".calendar..")
            .whereLayer("Notification")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Tracking")
            .mayOnlyBeAccessedByLayers("Notification")
            .whereLayer("Deadline")
            .mayOnlyBeAccessedByLayers("Tracking", "Notification")
            .whereLayer("Calendar")
            .mayOnlyBeAccessedByLayers("Deadline", "Tracking", "Notification");

    /** Everything a class uses to reach the database itself. */
    static final String[] DATABASE_ACCESS = {
        "java.sql..",
        "javax.sql..",
        "jakarta.persistence..",
        "org.hibernate..",
        "io.agroal..",
        "io.quarkus.hibernate.orm.panache..",
        "io.quarkus.hibernate.reactive.panache..",
        "io.quarkus.panache..",
        "io.vertx.sqlclient..",
        "io.vertx.mutiny.sqlclient..",
        "io.vertx.pgclient..",
        "io.vertx.mutiny.pgclient.."
    };

    /** A call of an entity's methods (Panache's static queries, persist, delete, an entity's own finders). */
    static final DescribedPredicate<JavaMethodCall> ENTITY_METHOD =
            new DescribedPredicate<>("a method of an entity or of a Panache repository") {
                @Override
                public boolean test(JavaMethodCall call) {
                    JavaClass owner = call.getTargetOwner();
                    return owner.isAnnotatedWith(Entity.class)
                            || owner.isAssignableTo("io.quarkus.hibernate.orm.panache.PanacheEntityBase")
                            || owner.isAssignableTo("io.quarkus.hibernate.orm.panache.PanacheRepositoryBase");
                }
            };

    @ArchTest
    static final ArchRule resourcesDoNotTouchTheDatabase = noClasses()
            .that()
            .areAnnotatedWith(Path.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DATABASE_ACCESS)
            .orShould()
            .callMethodWhere(ENTITY_METHOD)
            .because("a resource is a few lines that delegate; services and repositories hold the queries");

    @ArchTest
    static final ArchRule resourcesLeaveTransactionsToServices = noClasses()
            .that()
            .areAnnotatedWith(Path.class)
            .should()
            .beAnnotatedWith(Transactional.class)
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.transaction..", "io.quarkus.narayana..")
            .because("services own transactions");

    @ArchTest
    static final ArchRule resourceMethodsLeaveTransactionsToServices = noMethods()
            .that()
            .areDeclaredInClassesThat()
            .areAnnotatedWith(Path.class)
            .should()
            .beAnnotatedWith(Transactional.class)
            .because("services own transactions");

    @ArchTest
    static final ArchRule usesNoOtherServicesCode = noClasses()
            .that()
            .resideInAPackage(BASE + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.tingvakt.moderation..", "org.tingvakt.archive..", "org.tingvakt.devstack..")
            .because("services talk only through Kafka events and their public REST APIs, and devstack is for "
                    + "local runs and tests, never a production code path");
}
