package org.tingvakt.notifier;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.tingvakt.devstack.testing.ServiceArchitectureRules;

/**
 * The notifier's package boundaries, checked on every build: packages depend one way (notification on tracking,
 * tracking on deadline rules, rules on calendars), REST resources delegate to services instead of querying the
 * database, and the notifier uses no other service's code (services talk through Kafka events and REST only).
 */
@AnalyzeClasses(packages = "org.tingvakt.notifier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String BASE = "org.tingvakt.notifier";

    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles = ServiceArchitectureRules.topLevelPackagesHaveNoCycles(BASE);

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
    static final ArchRule sqlOnlyInQueryClasses = ServiceArchitectureRules.sqlOnlyInQueryClasses();

    @ArchTest
    static final ArchRule usesNoOtherServicesCode = ServiceArchitectureRules.usesNoOtherServicesCode(BASE);
}
