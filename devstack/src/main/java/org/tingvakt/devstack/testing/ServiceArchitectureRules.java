package org.tingvakt.devstack.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ArchUnit rules that archive-service and notifier-service keep alike: no package cycles, REST resources that
 * delegate instead of reaching the database or owning transactions, and no other service's code. Each service's
 * {@code ArchitectureTest} holds them as {@code @ArchTest} fields next to its own layering, which differs per service.
 * Annotations are named, not imported, so that this module needs neither JPA nor JAX-RS.
 */
public final class ServiceArchitectureRules {
    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String TRANSACTIONAL = "jakarta.transaction.Transactional";
    private static final String CONFIG_PROPERTY = "org.eclipse.microprofile.config.inject.ConfigProperty";
    private static final List<String> SERVICES =
            List.of("org.tingvakt.moderation", "org.tingvakt.archive", "org.tingvakt.notifier");

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
                    return owner.isAnnotatedWith("jakarta.persistence.Entity")
                            || owner.isAssignableTo("io.quarkus.hibernate.orm.panache.PanacheEntityBase")
                            || owner.isAssignableTo("io.quarkus.hibernate.orm.panache.PanacheRepositoryBase");
                }
            };

    private ServiceArchitectureRules() {}

    /** The top-level packages under {@code base} import each other without a loop. */
    public static ArchRule topLevelPackagesHaveNoCycles(String base) {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles();
    }

    public static ArchRule resourcesDoNotTouchTheDatabase() {
        return noClasses()
                .that()
                .areAnnotatedWith(PATH)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(DATABASE_ACCESS)
                .orShould()
                .callMethodWhere(ENTITY_METHOD)
                .because("a resource is a few lines that delegate; services and repositories hold the queries");
    }

    public static ArchRule resourcesLeaveTransactionsToServices() {
        return noClasses()
                .that()
                .areAnnotatedWith(PATH)
                .should()
                .beAnnotatedWith(TRANSACTIONAL)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.transaction..", "io.quarkus.narayana..")
                .because("services own transactions");
    }

    public static ArchRule resourceMethodsLeaveTransactionsToServices() {
        return noMethods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(PATH)
                .should()
                .beAnnotatedWith(TRANSACTIONAL)
                .because("services own transactions");
    }

    /** The service under {@code base} uses no other service's code, and no devstack code. */
    public static ArchRule usesNoOtherServicesCode(String base) {
        String[] forbidden = Stream.concat(
                        SERVICES.stream().filter(s -> !s.equals(base)), Stream.of("org.tingvakt.devstack"))
                .map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(base + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .because("services talk only through Kafka events and their public REST APIs, and devstack is for "
                        + "local runs and tests, never a production code path");
    }

    /**
     * The service's own settings come from its typed {@code @ConfigMapping} interfaces, never from a
     * {@code @ConfigProperty} field or parameter: one place lists every setting with its default and range, and a wrong
     * value stops the start-up with the setting's name. Quarkus' own {@code quarkus.*} settings are Quarkus' to map; a
     * {@code @ConfigProperty} read of one of them is allowed.
     */
    public static ArchRule settingsComeFromConfigMappings() {
        return classes()
                .should(new ArchCondition<JavaClass>("read no setting of its own through @ConfigProperty") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        for (JavaField field : type.getFields()) {
                            field.tryGetAnnotationOfType(CONFIG_PROPERTY)
                                    .ifPresent(a -> report(a, field.getFullName(), events));
                        }
                        for (JavaCodeUnit unit : type.getCodeUnits()) {
                            for (JavaParameter parameter : unit.getParameters()) {
                                parameter
                                        .tryGetAnnotationOfType(CONFIG_PROPERTY)
                                        .ifPresent(a -> report(a, unit.getFullName(), events));
                            }
                        }
                    }

                    private void report(JavaAnnotation<?> annotation, String where, ConditionEvents events) {
                        String name =
                                annotation.get("name").map(Object::toString).orElse("");
                        if (!name.startsWith("quarkus.")) {
                            events.add(SimpleConditionEvent.violated(
                                    annotation, where + " reads " + name + " through @ConfigProperty"));
                        }
                    }
                })
                .because("settings are typed in the service's @ConfigMapping interfaces (see docs/architecture.md)");
    }

    /** A class named as the home of deliberate SQL: its top-level class ends in {@code Queries} or {@code Sql}. */
    static final DescribedPredicate<JavaClass> QUERY_CLASS =
            new DescribedPredicate<>("named *Queries or *Sql (deliberate SQL)") {
                @Override
                public boolean test(JavaClass c) {
                    String name = c.getName().substring(c.getName().lastIndexOf('.') + 1);
                    int nested = name.indexOf('$');
                    String topLevel = nested < 0 ? name : name.substring(0, nested);
                    return topLevel.endsWith("Queries") || topLevel.endsWith("Sql");
                }
            };

    /** JDBC's statements and result sets: SQL written and read by hand. */
    static final DescribedPredicate<JavaClass> JDBC_STATEMENT =
            new DescribedPredicate<>("JDBC statements or result sets") {
                @Override
                public boolean test(JavaClass c) {
                    return c.isAssignableTo("java.sql.Statement") || c.isAssignableTo("java.sql.ResultSet");
                }
            };

    /** {@code createNativeQuery} and its kin on an entity manager or a Hibernate session. */
    static final DescribedPredicate<JavaMethodCall> NATIVE_QUERY =
            new DescribedPredicate<>("a native SQL query of JPA or Hibernate") {
                @Override
                public boolean test(JavaMethodCall call) {
                    JavaClass owner = call.getTargetOwner();
                    return call.getName().startsWith("createNative")
                            && (owner.isAssignableTo("jakarta.persistence.EntityManager")
                                    || owner.isAssignableTo("org.hibernate.SharedSessionContract"));
                }
            };

    /**
     * Ordinary data access goes through entities and Panache; native SQL and JDBC statements only in classes named
     * {@code *Queries} or {@code *Sql}, in the package that owns the tables. A class may still hold a connection to
     * demarcate a transaction and hand it to a query class.
     */
    public static ArchRule sqlOnlyInQueryClasses() {
        return noClasses()
                .that(DescribedPredicate.not(QUERY_CLASS))
                .should()
                .dependOnClassesThat(JDBC_STATEMENT)
                .orShould()
                .callMethodWhere(NATIVE_QUERY)
                .because("one data-access style for ordinary work; deliberate SQL lives in named query classes "
                        + "(docs/architecture.md)");
    }
}
