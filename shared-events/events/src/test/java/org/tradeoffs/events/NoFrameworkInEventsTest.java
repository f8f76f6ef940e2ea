package org.tradeoffs.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The events are the language both sides speak; no framework may leak into them. */
class NoFrameworkInEventsTest {

    private final JavaClasses events = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tradeoffs.events");

    @Test
    void eventsDependOnlyOnTheJdkAndEachOther() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.tradeoffs.events..")
                .check(events);
    }

    @Test
    void everyEventIsAnImmutableRecord() {
        classes().that().implement(DomainEvent.class).and().areNotInterfaces()
                .should().beRecords()
                .check(events);
    }
}
