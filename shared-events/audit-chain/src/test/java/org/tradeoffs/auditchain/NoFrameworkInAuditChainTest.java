package org.tradeoffs.auditchain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The verifier runs from a small jar on an auditor's machine: the JDK and Jackson's streaming parser, nothing else. */
@AnalyzeClasses(packages = "org.tradeoffs.auditchain", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworkInAuditChainTest {

    @ArchTest
    static final ArchRule onlyTheJdkAndJacksonCore = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "com.fasterxml.jackson.core..", "org.tradeoffs.auditchain..");
}
