package org.tradeoffs.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.tradeoffs.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Each read model can be dropped and rebuilt on its own. */
    @ArchTest
    static final ArchRule boardDoesNotUseTheTimeline = noClasses().that().resideInAPackage("..query.priorities..")
            .should().dependOnClassesThat().resideInAPackage("..query.timeline..");

    @ArchTest
    static final ArchRule timelineDoesNotUseTheBoard = noClasses().that().resideInAPackage("..query.timeline..")
            .should().dependOnClassesThat().resideInAPackage("..query.priorities..");

    @ArchTest
    static final ArchRule savingsUsesNoOtherReadModel = noClasses().that().resideInAPackage("..query.savings..")
            .should().dependOnClassesThat().resideInAnyPackage("..query.timeline..", "..query.priorities..");

    @ArchTest
    static final ArchRule otherReadModelsDoNotUseSavings = noClasses()
            .that().resideInAnyPackage("..query.timeline..", "..query.priorities..")
            .should().dependOnClassesThat().resideInAPackage("..query.savings..");

    @ArchTest
    static final ArchRule inputsUseNoOtherReadModel = noClasses().that().resideInAPackage("..query.inputs..")
            .should().dependOnClassesThat().resideInAnyPackage("..query.timeline..", "..query.priorities..",
                    "..query.savings..", "..query.tradeoffs..");

    @ArchTest
    static final ArchRule tradeoffsUseNoOtherReadModel = noClasses().that().resideInAPackage("..query.tradeoffs..")
            .should().dependOnClassesThat().resideInAnyPackage("..query.timeline..", "..query.priorities..",
                    "..query.savings..", "..query.inputs..");

    @ArchTest
    static final ArchRule otherReadModelsDoNotUseInputsOrTradeoffs = noClasses()
            .that().resideInAnyPackage("..query.timeline..", "..query.priorities..", "..query.savings..")
            .should().dependOnClassesThat().resideInAnyPackage("..query.inputs..", "..query.tradeoffs..");

    /** Projections only write views; pushing goes through LiveUpdates, so they stay testable without a broker. */
    @ArchTest
    static final ArchRule projectionsKnowNoWebOrMessagingFramework = noClasses()
            .that().haveSimpleNameEndingWith("Projection")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "org.springframework.http..", "org.springframework.messaging..");
}
