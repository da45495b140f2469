package org.tingvakt.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The contracts are plain Java: every module and any other program that reads the topics can use them without
 * bringing a framework along (no Quarkus, Jakarta, SmallRye, Kafka client, Jackson or MicroProfile), and they know
 * nothing of the modules that use them. Serialisation is left to the readers (records need no annotations).
 */
@AnalyzeClasses(packages = "org.tingvakt.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependOnlyOnTheJdk = classes()
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.tingvakt.contracts..")
            .because("contracts hold no framework and no business logic (ARCHITECTURE.md, modules)");
}
