package org.tingvakt.moderation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * The shape of moderation-service (docs/architecture.md): a comment flows intake → triage → actions → outreach, and
 * imports point only against that flow (a later stage may use an earlier one's types, never the other way), with the
 * account register and a small kernel below all of them. REST resources reach the database only through services, and
 * the service knows nothing of the archive's or the notifier's code (it talks to them by events only).
 */
class ArchitectureTest {
    private static final String BASE = "org.tingvakt.moderation";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    /** Each stage may use the stages before it, the account register and the kernel; nothing uses reporting or console. */
    static final ArchRule IMPORTS_FOLLOW_THE_FLOW = layeredArchitecture()
            .consideringAllDependencies()
            .layer("Kernel")
            .definedBy(BASE + ".kernel..")
            .layer("Account")
            .definedBy(BASE + ".account..")
            .layer("Intake")
            .definedBy(BASE + ".intake..")
            .layer("Triage")
            .definedBy(BASE + ".triage..")
            .layer("Actions")
            .definedBy(BASE + ".actions..")
            .layer("Outreach")
            .definedBy(BASE + ".outreach..")
            .layer("Reporting")
            .definedBy(BASE + ".stats..", BASE + ".transparency..")
            .layer("Console")
            .definedBy(BASE + ".console..")
            .layer("Retention")
            .definedBy(BASE + ".retention..")
            .whereLayer("Outreach")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Actions")
            .mayOnlyBeAccessedByLayers("Outreach")
            .whereLayer("Triage")
            .mayOnlyBeAccessedByLayers("Actions", "Outreach")
            .whereLayer("Intake")
            .mayOnlyBeAccessedByLayers("Triage", "Actions", "Outreach")
            .whereLayer("Account")
            .mayOnlyBeAccessedByLayers("Intake", "Triage", "Actions", "Outreach")
            .whereLayer("Kernel")
            .mayOnlyBeAccessedByLayers(
                    "Account", "Intake", "Triage", "Actions", "Outreach", "Reporting", "Console", "Retention")
            .whereLayer("Reporting")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Console")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Retention")
            .mayNotBeAccessedByAnyLayer()
            // a new top-level package has to take its place in the flow (or beside it) here
            .ensureAllClassesAreContainedInArchitectureIgnoring(DescribedPredicate.alwaysFalse());

    static final ArchRule NO_CYCLES_AMONG_TOP_LEVEL_PACKAGES =
            slices().matching(BASE + ".(*)..").should().beFreeOfCycles();

    static final ArchRule RESOURCES_DO_NOT_TOUCH_THE_DATABASE = noClasses()
            .that(areRestResources())
            .should()
            .dependOnClassesThat()
            .areAssignableTo(EntityManager.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(Session.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(DataSource.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(PanacheRepositoryBase.class)
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "java.sql..",
                    "io.vertx.mutiny.sqlclient..",
                    "io.vertx.sqlclient..",
                    "io.quarkus.hibernate.orm.panache..")
            .orShould(queryPanacheEntities())
            .because("a resource reads and writes through a service or repository, which owns its queries");

    static final ArchRule NO_ARCHIVE_OR_NOTIFIER_CODE = noClasses()
            .that()
            .resideInAPackage(BASE + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.tingvakt.archive..", "org.tingvakt.notifier..")
            .because("moderation talks to the archive and the notifier by events (contracts), never by their code");

    @Test
    void importsFollowTheFlowOfAComment() {
        IMPORTS_FOLLOW_THE_FLOW.check(MAIN);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        NO_CYCLES_AMONG_TOP_LEVEL_PACKAGES.check(MAIN);
    }

    @Test
    void restResourcesDoNotTouchTheDatabase() {
        RESOURCES_DO_NOT_TOUCH_THE_DATABASE.check(MAIN);
    }

    @Test
    void moderationDoesNotUseArchiveOrNotifierCode() {
        NO_ARCHIVE_OR_NOTIFIER_CODE.check(MAIN);
    }

    /** Classes annotated {@code @Path}, and the classes nested in them (their views and helpers). */
    private static DescribedPredicate<JavaClass> areRestResources() {
        return DescribedPredicate.describe("are REST resources (annotated @Path) or nested in one", c -> {
            for (Optional<JavaClass> k = Optional.of(c);
                    k.isPresent();
                    k = k.get().getEnclosingClass()) {
                if (k.get().isAnnotatedWith(Path.class)) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * Calls of a Panache entity's static methods ({@code findById}, {@code list}, {@code count}, the entity's own query
     * methods such as {@code forCase}…) or of its instance methods that write ({@code persist}, {@code delete}).
     */
    private static ArchCondition<JavaClass> queryPanacheEntities() {
        return new ArchCondition<>("query or write Panache entities") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                    if (!call.getTargetOwner().isAssignableTo(PanacheEntityBase.class)) {
                        continue;
                    }
                    boolean isStatic = call.getTarget()
                            .resolveMember()
                            .map(m -> m.getModifiers().contains(JavaModifier.STATIC))
                            .orElse(false);
                    String name = call.getName();
                    if (isStatic || name.startsWith("persist") || name.equals("delete") || name.equals("flush")) {
                        events.add(SimpleConditionEvent.satisfied(call, describe(call)));
                    }
                }
            }
        };
    }

    private static String describe(JavaAccess<?> access) {
        return access.getDescription();
    }
}
