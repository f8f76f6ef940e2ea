package org.tradeoffs.command.input;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.OtherAggregates;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.ConflictingState;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.StaleVersion;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.command.priority.Priority;
import org.tradeoffs.command.savings.Opportunity;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.Stance;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.StakeholderInputTagged;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.OpportunityListed;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.tradeoffs.command.RuleMatchers.breaking;

class StakeholderInputTest {

    private static final String INPUT = "i-1";
    private static final String CYCLE = "c-1";
    private static final String DISTRICT = "d-1";
    private static final String COACHES = "p-1";
    private static final String BUSES = "o-1";
    private static final String ELSEWHERE = "p-9";
    private static final Actor DESIGNER = new Actor("designer", false, Set.of(Role.DESIGN_TEAM));
    private static final Actor STEERING = new Actor("steering", false, Set.of(Role.STEERING_COMMITTEE));
    private static final Actor ANALYST = new Actor("analyst", false, Set.of(Role.ROI_ANALYST));
    private static final Actor AUDITOR = new Actor("auditor", false, Set.of(Role.AUDITOR));
    private static final LocalDate MARCH_3 = LocalDate.parse("2027-03-03");

    private final OtherAggregates others = new OtherAggregates();
    private AggregateTestFixture<StakeholderInput> fixture;

    @BeforeEach
    void setUp() {
        PriorityDetails coaches = new PriorityDetails("K-5 early literacy coaches", "12 FTE",
                "Coaching raises K-5 reading proficiency", Fundability.ACTION,
                CostSplit.allUnallocated(new BigDecimal("1250000.00")), null);
        others.given(Priority.class, COACHES, new PriorityProposed(COACHES, CYCLE, DISTRICT, coaches, "designer"))
                .given(Priority.class, ELSEWHERE, new PriorityProposed(ELSEWHERE, "c-2", DISTRICT, coaches, "designer"))
                .given(Opportunity.class, BUSES, new OpportunityListed(BUSES, CYCLE, DISTRICT, 1,
                        FocusArea.REDUCING_OPERATIONAL_COSTS, "General education transportation?", true, "steering"));
        fixture = new AggregateTestFixture<>(StakeholderInput.class);
        fixture.registerInjectableResource(others.cycleItems());
    }

    private static InputContent survey(int respondents, InputLink... links) {
        return new InputContent(StakeholderGroup.PARENTS, InputChannel.SURVEY, MARCH_3,
                "Protect early literacy; fewer bus routes are acceptable", respondents, List.of(links));
    }

    private static InputLink supports(String priorityId) {
        return new InputLink(InputLink.Kind.PRIORITY, priorityId, Stance.SUPPORT);
    }

    private static InputLink concernAbout(String opportunityId) {
        return new InputLink(InputLink.Kind.OPPORTUNITY, opportunityId, Stance.CONCERN);
    }

    private static StakeholderInputRecorded recorded() {
        return new StakeholderInputRecorded(INPUT, CYCLE, DISTRICT, survey(689, supports(COACHES)),
                List.of("early literacy"), "designer");
    }

    private static RecordStakeholderInput record(InputContent content, List<String> themes, Actor actor) {
        return new RecordStakeholderInput(INPUT, CYCLE, DISTRICT, content, themes, actor);
    }

    // ---------------------------------------------------------------- recording

    @Test
    void designTeamRecordsInputLinkedToAPriorityAndAnOpportunityOfItsCycle() {
        InputContent content = survey(689, supports(COACHES), concernAbout(BUSES));
        fixture.givenNoPriorActivity()
                .when(record(content, List.of("early literacy", "transportation"), DESIGNER))
                .expectEvents(new StakeholderInputRecorded(INPUT, CYCLE, DISTRICT, content,
                        List.of("early literacy", "transportation"), "designer"));
    }

    @Test
    void themesAreTrimmedAndKeptOnceRegardlessOfCase() {
        InputContent content = survey(1165);
        fixture.givenNoPriorActivity()
                .when(record(content, List.of("  Class size ", "class SIZE", "transportation", "Transportation "),
                        STEERING))
                .expectEvents(new StakeholderInputRecorded(INPUT, CYCLE, DISTRICT, content,
                        List.of("Class size", "transportation"), "steering"));
    }

    @Test
    void analystsAndAuditorsCannotRecordInput() {
        fixture.givenNoPriorActivity()
                .when(record(survey(10), List.of(), ANALYST))
                .expectException(NotPermitted.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(record(survey(10), List.of(), AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void aLinkToAPriorityOfAnotherCycleIsRefused() {
        fixture.givenNoPriorActivity()
                .when(record(survey(40, supports(ELSEWHERE)), List.of(), DESIGNER))
                .expectException(ConflictingState.class)
                .expectException(breaking("unknown-linked-item"))
                .expectNoEvents();
    }

    @Test
    void aLinkToAnUnknownItemIsRefused() {
        fixture.givenNoPriorActivity()
                .when(record(survey(40, concernAbout("o-404")), List.of(), DESIGNER))
                .expectException(breaking("unknown-linked-item"))
                .expectNoEvents();
    }

    @Test
    void aLinkMustNameTheRightKindOfItem() {
        fixture.givenNoPriorActivity()
                .when(record(survey(40, concernAbout(COACHES)), List.of(), DESIGNER))
                .expectException(breaking("unknown-linked-item"))
                .expectNoEvents();
    }

    @Test
    void theFirstLinkThatNamesNoItemOfTheCycleIsRefusedAsGiven() {
        fixture.givenNoPriorActivity()
                .when(record(survey(40, concernAbout("o-404"), supports(ELSEWHERE)), List.of(), DESIGNER))
                .expectException(breaking("unknown-linked-item"))
                .expectExceptionMessage(containsString("opportunity o-404"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- corrections

    @Test
    void aCorrectionStatesTheContentAgainWithItsReason() {
        InputContent corrected = survey(1165, supports(COACHES), concernAbout(BUSES));
        fixture.given(recorded())
                .when(new CorrectStakeholderInput(INPUT, CYCLE, corrected, "Late submissions counted", 1L, DESIGNER))
                .expectEvents(new StakeholderInputCorrected(INPUT, CYCLE, DISTRICT, corrected,
                        "Late submissions counted", "designer"));
    }

    @Test
    void correctionsAreKeptOneAfterAnother() {
        InputContent first = survey(700, supports(COACHES));
        fixture.given(recorded(), new StakeholderInputCorrected(INPUT, CYCLE, DISTRICT, first, "Recount", "designer"))
                .when(new CorrectStakeholderInput(INPUT, CYCLE, recorded().content(), "The recount was wrong", 2L,
                        STEERING))
                .expectEvents(new StakeholderInputCorrected(INPUT, CYCLE, DISTRICT, recorded().content(),
                        "The recount was wrong", "steering"));
    }

    @Test
    void aCorrectionThatChangesNothingIsADuplicate() {
        fixture.given(recorded())
                .when(new CorrectStakeholderInput(INPUT, CYCLE, recorded().content(), "Same again", null, DESIGNER))
                .expectException(breaking("duplicate"))
                .expectNoEvents();
    }

    @Test
    void aCorrectionLinksOnlyItemsOfTheCycle() {
        fixture.given(recorded())
                .when(new CorrectStakeholderInput(INPUT, CYCLE, survey(689, supports(ELSEWHERE)), "Relink", null,
                        DESIGNER))
                .expectException(breaking("unknown-linked-item"))
                .expectNoEvents();
    }

    @Test
    void cannotCorrectWithAStaleVersion() {
        fixture.given(recorded(), new StakeholderInputTagged(INPUT, CYCLE, DISTRICT, List.of("buses"), "designer"))
                .when(new CorrectStakeholderInput(INPUT, CYCLE, survey(1), "Typo", 1L, DESIGNER))
                .expectException(StaleVersion.class)
                .expectNoEvents();
    }

    @Test
    void cannotCorrectInputThroughAnotherCycle() {
        fixture.given(recorded())
                .when(new CorrectStakeholderInput(INPUT, "c-2", survey(1), "Typo", null, DESIGNER))
                .expectException(UnknownItem.class)
                .expectNoEvents();
    }

    @Test
    void auditorCannotCorrectInput() {
        fixture.given(recorded())
                .when(new CorrectStakeholderInput(INPUT, CYCLE, survey(1), "Typo", null, AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- themes

    @Test
    void taggingAddsOnlyThemesTheInputDoesNotHaveYet() {
        fixture.given(recorded())
                .when(new TagStakeholderInput(INPUT, CYCLE, List.of("Early Literacy", " class size ", "Class Size"),
                        1L, DESIGNER))
                .expectEvents(new StakeholderInputTagged(INPUT, CYCLE, DISTRICT, List.of("class size"), "designer"));
    }

    @Test
    void taggingWithNoNewThemeIsADuplicate() {
        fixture.given(recorded(), new StakeholderInputTagged(INPUT, CYCLE, DISTRICT, List.of("buses"), "designer"))
                .when(new TagStakeholderInput(INPUT, CYCLE, List.of("EARLY LITERACY", "Buses"), null, STEERING))
                .expectException(breaking("duplicate"))
                .expectNoEvents();
    }

    @Test
    void analystCannotTagInput() {
        fixture.given(recorded())
                .when(new TagStakeholderInput(INPUT, CYCLE, List.of("class size"), null, ANALYST))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }
}
