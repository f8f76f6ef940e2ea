package org.tradeoffs.command.savings;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.ConflictingState;
import org.tradeoffs.command.common.InvalidField;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.RuleViolation;
import org.tradeoffs.command.common.StaleVersion;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.savings.BudgetLineAdded;
import org.tradeoffs.events.savings.ConstraintKind;
import org.tradeoffs.events.savings.ConstraintRecorded;
import org.tradeoffs.events.savings.CostDriverAdded;
import org.tradeoffs.events.savings.DriverAdjustment;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.MilestoneCompleted;
import org.tradeoffs.events.savings.MilestoneOverdue;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.OwnerAssigned;
import org.tradeoffs.events.savings.RenegotiationWindowOpened;
import org.tradeoffs.events.savings.SavingsCaptured;
import org.tradeoffs.events.savings.ScreeningDecision;
import org.tradeoffs.events.savings.Trend;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.tradeoffs.command.RuleMatchers.overCommitted;
import static org.tradeoffs.events.savings.ScreeningDecision.DEEP_DIVE;
import static org.tradeoffs.events.savings.ScreeningDecision.SCREENED_OUT;
import static org.tradeoffs.events.savings.ScreeningDecision.SHALLOW_DIVE;

class OpportunityTest {

    private static final String OPPORTUNITY = "o-1";
    private static final String CYCLE = "c-1";
    private static final String DISTRICT = "d-1";
    private static final Actor DESIGNER = new Actor("designer", false, Set.of(Role.DESIGN_TEAM));
    private static final Actor ANALYST = new Actor("analyst", false, Set.of(Role.ROI_ANALYST));
    private static final Actor STEERING = new Actor("steering", false, Set.of(Role.STEERING_COMMITTEE));
    private static final Actor AUDITOR = new Actor("auditor", false, Set.of(Role.AUDITOR));
    private static final Actor SYSTEM = new Actor("system", false, Set.of());
    private static final LocalDate JULY_1 = LocalDate.parse("2027-07-01");

    private AggregateTestFixture<Opportunity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Opportunity.class);
    }

    /** A rule violation with this problem code. */
    private static Matcher<RuleViolation> breaking(String code) {
        return new FeatureMatcher<>(is(code), "rule violation with code", "code") {
            @Override
            protected String featureValueOf(RuleViolation violation) {
                return violation.code();
            }
        };
    }

    /** A 400 naming this field. */
    private static Matcher<InvalidField> invalid(String field) {
        return new FeatureMatcher<>(is(field), "invalid field", "field") {
            @Override
            protected String featureValueOf(InvalidField invalid) {
                return invalid.field();
            }
        };
    }

    private static BigDecimal $(String amount) {
        return new BigDecimal(amount);
    }

    private static OpportunityListed listed() {
        return new OpportunityListed(OPPORTUNITY, CYCLE, DISTRICT, 1, FocusArea.REDUCING_OPERATIONAL_COSTS,
                "Can the district free up funds from general education transportation ?", true, "steering");
    }

    private static OpportunityScreened screened(ScreeningDecision decision) {
        return new OpportunityScreened(OPPORTUNITY, CYCLE, DISTRICT, decision, "Large and rising", "designer");
    }

    private static BudgetLineAdded routesLine() {
        return new BudgetLineAdded(OPPORTUNITY, CYCLE, DISTRICT, "line-1",
                List.of("Operations", "Transportation", "General education routes"), $("4100000.00"), $("52"),
                "analyst");
    }

    private static CostDriverAdded buses() {
        return new CostDriverAdded(OPPORTUNITY, CYCLE, DISTRICT, "buses", "Buses", "bus", $("40"), $("95000.00"),
                Trend.RISING, "line-1", "analyst");
    }

    private static MilestoneAdded milestone() {
        return new MilestoneAdded(OPPORTUNITY, CYCLE, DISTRICT, "m-1", "New routes approved by the board", JULY_1,
                "designer");
    }

    private static ConstraintRecorded busContract() {
        return new ConstraintRecorded(OPPORTUNITY, CYCLE, DISTRICT, "k-1", ConstraintKind.CONTRACT, true,
                "Bus operator contract", JULY_1, "analyst");
    }

    private static SizeOpportunity sizing(List<SizeOpportunity.Target> targets, Actor actor) {
        return new SizeOpportunity(OPPORTUNITY, CYCLE, "s-1", targets, 4, "Consolidate routes", null, actor);
    }

    private static SizeOpportunity.Target fewerBuses() {
        return new SizeOpportunity.Target("buses", $("36"), $("32"), null, null);
    }

    private static AddBudgetLine budgetLine(Actor actor) {
        return new AddBudgetLine(OPPORTUNITY, CYCLE, "line-1",
                List.of("Operations", "Transportation", "General education routes"), $("4100000.00"), $("52"), null,
                actor);
    }

    // ---------------------------------------------------------------- screening

    @Test
    void designTeamCanScreenAnOpportunityIntoADeepDive() {
        fixture.given(listed())
                .when(new ScreenOpportunity(OPPORTUNITY, CYCLE, DEEP_DIVE, "Large and rising", 1L, DESIGNER))
                .expectEvents(screened(DEEP_DIVE));
    }

    @Test
    void roiAnalystAndSteeringCommitteeCanScreen() {
        fixture.given(listed())
                .when(new ScreenOpportunity(OPPORTUNITY, CYCLE, SCREENED_OUT, "Too small", null, ANALYST))
                .expectEvents(new OpportunityScreened(OPPORTUNITY, CYCLE, DISTRICT, SCREENED_OUT, "Too small", "analyst"));
        fixture.given(listed())
                .when(new ScreenOpportunity(OPPORTUNITY, CYCLE, SHALLOW_DIVE, "Worth a look", null, STEERING))
                .expectEvents(new OpportunityScreened(OPPORTUNITY, CYCLE, DISTRICT, SHALLOW_DIVE, "Worth a look",
                        "steering"));
    }

    @Test
    void auditorCannotScreen() {
        fixture.given(listed())
                .when(new ScreenOpportunity(OPPORTUNITY, CYCLE, DEEP_DIVE, "Looks big", null, AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void screeningCanBeRevisitedWithAReason() {
        fixture.given(listed(), screened(SCREENED_OUT))
                .when(new ScreenOpportunity(OPPORTUNITY, CYCLE, SHALLOW_DIVE, "Fuel costs doubled", 2L, DESIGNER))
                .expectEvents(new OpportunityScreened(OPPORTUNITY, CYCLE, DISTRICT, SHALLOW_DIVE, "Fuel costs doubled",
                        "designer"));
    }

    @Test
    void screeningToTheCurrentStatusIsADuplicate() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new ScreenOpportunity(OPPORTUNITY, CYCLE, DEEP_DIVE, "Still big", null, DESIGNER))
                .expectException(ConflictingState.class)
                .expectException(breaking("duplicate"))
                .expectNoEvents();
    }

    @Test
    void cannotScreenWithAStaleVersion() {
        fixture.given(listed(), screened(SHALLOW_DIVE))
                .when(new ScreenOpportunity(OPPORTUNITY, CYCLE, DEEP_DIVE, "Bigger than thought", 1L, DESIGNER))
                .expectException(StaleVersion.class)
                .expectNoEvents();
    }

    @Test
    void cannotChangeAnOpportunityThroughAnotherCycle() {
        fixture.given(listed())
                .when(new ScreenOpportunity(OPPORTUNITY, "other-cycle", DEEP_DIVE, "Big", null, DESIGNER))
                .expectException(UnknownItem.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- steps 1-4 need analysis

    @Test
    void analystCanAddABudgetLineInAnalysis() {
        fixture.given(listed(), screened(SHALLOW_DIVE))
                .when(budgetLine(ANALYST))
                .expectEvents(routesLine());
    }

    @Test
    void cannotAddABudgetLineToAnUnscreenedOpportunity() {
        fixture.given(listed())
                .when(budgetLine(ANALYST))
                .expectException(breaking("opportunity-not-screened"))
                .expectNoEvents();
    }

    @Test
    void steeringCommitteeCannotAddBudgetLines() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(budgetLine(STEERING))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void costDriversCanReferToABudgetLineOfTheOpportunity() {
        fixture.given(listed(), screened(DEEP_DIVE), routesLine())
                .when(new AddCostDriver(OPPORTUNITY, CYCLE, "buses", "Buses", "bus", $("40"), $("95000.00"),
                        Trend.RISING, "line-1", null, ANALYST))
                .expectEvents(buses());
    }

    @Test
    void costDriversMustReferToAnExistingBudgetLine() {
        fixture.given(listed(), screened(DEEP_DIVE), routesLine())
                .when(new AddCostDriver(OPPORTUNITY, CYCLE, "buses", "Buses", "bus", $("40"), $("95000.00"),
                        Trend.RISING, "line-of-another-opportunity", null, ANALYST))
                .expectException(breaking("unknown-budget-line"))
                .expectNoEvents();
    }

    @Test
    void aContractConstraintCanCarryARenegotiationDate() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new RecordConstraint(OPPORTUNITY, CYCLE, "k-1", ConstraintKind.CONTRACT, true,
                        "Bus operator contract", JULY_1, null, ANALYST))
                .expectEvents(busContract());
    }

    @Test
    void onlyAContractHasARenegotiationDate() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new RecordConstraint(OPPORTUNITY, CYCLE, "k-1", ConstraintKind.STATE_POLICY, true,
                        "Ed Code 39800", JULY_1, null, ANALYST))
                .expectException(InvalidField.class)
                .expectException(invalid("renegotiationDate"))
                .expectNoEvents();
    }

    @Test
    void sizingRecordsTheDriversFiguresAndTheComputedRange() {
        fixture.given(listed(), screened(DEEP_DIVE), routesLine(), buses())
                .when(sizing(List.of(fewerBuses()), ANALYST))
                .expectEvents(new OpportunitySized(OPPORTUNITY, CYCLE, DISTRICT, "s-1",
                        List.of(new DriverAdjustment("buses", $("40"), $("95000.00"), $("36"), $("32"), null, null)),
                        $("380000.00"), $("760000.00"), 4, "Consolidate routes", "analyst"))
                .expectResultMessagePayload(new SavingsEstimate($("380000.00"), $("760000.00")));
    }

    @Test
    void cannotSizeAScreenedOutOpportunity() {
        fixture.given(listed(), screened(DEEP_DIVE), buses(), screened(SCREENED_OUT))
                .when(sizing(List.of(fewerBuses()), ANALYST))
                .expectException(ConflictingState.class)
                .expectException(breaking("opportunity-screened-out"))
                .expectExceptionMessage(containsString("takes no sizing until screened in again"))
                .expectNoEvents();
    }

    @Test
    void aScreenedOutOpportunityTakesSizingAgainOnceScreenedIn() {
        fixture.given(listed(), screened(DEEP_DIVE), buses(), screened(SCREENED_OUT), screened(SHALLOW_DIVE))
                .when(sizing(List.of(fewerBuses()), DESIGNER))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new SavingsEstimate($("380000.00"), $("760000.00")));
    }

    @Test
    void sizingMustReferToExistingDrivers() {
        fixture.given(listed(), screened(DEEP_DIVE), buses())
                .when(sizing(List.of(new SizeOpportunity.Target("fuel", $("1"), $("1"), null, null)), ANALYST))
                .expectException(breaking("unknown-cost-driver"))
                .expectNoEvents();
    }

    @Test
    void aSizingAdjustsEachDriverOnce() {
        fixture.given(listed(), screened(DEEP_DIVE), buses())
                .when(sizing(List.of(fewerBuses(), fewerBuses()), ANALYST))
                .expectException(invalid("adjustments[1].driverId"))
                .expectNoEvents();
    }

    @Test
    void eachAdjustmentSetsATarget() {
        fixture.given(listed(), screened(DEEP_DIVE), buses())
                .when(sizing(List.of(new SizeOpportunity.Target("buses", null, null, null, null)), ANALYST))
                .expectException(invalid("adjustments[0]"))
                .expectNoEvents();
    }

    @Test
    void easeIsBetweenOneAndFive() {
        fixture.given(listed(), screened(DEEP_DIVE), buses())
                .when(new SizeOpportunity(OPPORTUNITY, CYCLE, "s-1", List.of(fewerBuses()), 6, "", null, ANALYST))
                .expectException(InvalidField.class)
                .expectNoEvents();
    }

    @Test
    void laterSizingsUseTheDriversCurrentFigures() {
        fixture.given(listed(), screened(DEEP_DIVE), buses(), new OpportunitySized(OPPORTUNITY, CYCLE, DISTRICT, "s-0",
                        List.of(new DriverAdjustment("buses", $("40"), $("95000.00"), $("38"), $("36"), null, null)),
                        $("190000.00"), $("380000.00"), 5, "", "analyst"))
                .when(sizing(List.of(new SizeOpportunity.Target("buses", null, $("36"), $("90000"), null)), ANALYST))
                .expectResultMessagePayload(new SavingsEstimate($("200000.00"), $("380000.00")));
    }

    @Test
    void auditorCannotSize() {
        fixture.given(listed(), screened(DEEP_DIVE), buses())
                .when(sizing(List.of(fewerBuses()), AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- step 5: owner, milestones, captures

    @Test
    void steeringCommitteeCanAssignAMemberAsOwner() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new AssignOwner(OPPORTUNITY, CYCLE, "steering", Set.of(Role.STEERING_COMMITTEE), null, STEERING))
                .expectEvents(new OwnerAssigned(OPPORTUNITY, CYCLE, DISTRICT, "steering", "steering"));
    }

    @Test
    void anAuditorCannotOwnAnOpportunity() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new AssignOwner(OPPORTUNITY, CYCLE, "auditor", Set.of(Role.AUDITOR), null, STEERING))
                .expectException(breaking("owner-read-only"))
                .expectNoEvents();
    }

    @Test
    void anAuditorWhoAlsoAnalysesCanOwnAnOpportunity() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new AssignOwner(OPPORTUNITY, CYCLE, "auditor", Set.of(Role.AUDITOR, Role.ROI_ANALYST), null,
                        STEERING))
                .expectEvents(new OwnerAssigned(OPPORTUNITY, CYCLE, DISTRICT, "auditor", "steering"));
    }

    @Test
    void ownerMustBeADistrictMember() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new AssignOwner(OPPORTUNITY, CYCLE, "outsider", Set.of(), null, DESIGNER))
                .expectException(breaking("owner-not-a-member"))
                .expectNoEvents();
    }

    @Test
    void assigningTheCurrentOwnerAgainIsADuplicate() {
        fixture.given(listed(), screened(DEEP_DIVE), new OwnerAssigned(OPPORTUNITY, CYCLE, DISTRICT, "designer", "steering"))
                .when(new AssignOwner(OPPORTUNITY, CYCLE, "designer", Set.of(Role.DESIGN_TEAM), null, STEERING))
                .expectException(breaking("duplicate"))
                .expectNoEvents();
    }

    @Test
    void cannotAssignAnOwnerBeforeScreening() {
        fixture.given(listed())
                .when(new AssignOwner(OPPORTUNITY, CYCLE, "designer", Set.of(Role.DESIGN_TEAM), null, STEERING))
                .expectException(breaking("opportunity-not-screened"))
                .expectNoEvents();
    }

    @Test
    void auditorCannotAssignAnOwner() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new AssignOwner(OPPORTUNITY, CYCLE, "designer", Set.of(Role.DESIGN_TEAM), null, AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void designTeamCanAddAMilestone() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new AddMilestone(OPPORTUNITY, CYCLE, "m-1", "New routes approved by the board", JULY_1, null,
                        DESIGNER))
                .expectEvents(milestone());
    }

    @Test
    void steeringCommitteeCannotAddMilestones() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new AddMilestone(OPPORTUNITY, CYCLE, "m-1", "Routes", JULY_1, null, STEERING))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void theOwnerCanCompleteAMilestoneWhateverTheirWritingRole() {
        fixture.given(listed(), screened(DEEP_DIVE), new OwnerAssigned(OPPORTUNITY, CYCLE, DISTRICT, "steering", "designer"),
                        milestone())
                .when(new CompleteMilestone(OPPORTUNITY, CYCLE, "m-1", null, STEERING))
                .expectEvents(new MilestoneCompleted(OPPORTUNITY, CYCLE, DISTRICT, "m-1", "steering"));
    }

    @Test
    void anOwnerWhoIsNowOnlyAnAuditorWritesNothing() {
        // owned while they held a writing role (or before owners who only audit were refused); auditors write nothing
        fixture.given(listed(), screened(DEEP_DIVE), new OwnerAssigned(OPPORTUNITY, CYCLE, DISTRICT, "auditor", "steering"),
                        milestone())
                .when(new CompleteMilestone(OPPORTUNITY, CYCLE, "m-1", null, AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void anOwnerWhoIsNowOnlyAnAuditorCapturesNothing() {
        fixture.given(listed(), screened(DEEP_DIVE), new OwnerAssigned(OPPORTUNITY, CYCLE, DISTRICT, "auditor", "steering"))
                .when(new CaptureSavings(OPPORTUNITY, CYCLE, "cap-1", $("10.00"), JULY_1, "", null, AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void aMemberWhoIsNotTheOwnerNeedsTheDesignTeamOrAnalystRoleToComplete() {
        fixture.given(listed(), screened(DEEP_DIVE), new OwnerAssigned(OPPORTUNITY, CYCLE, DISTRICT, "designer", "steering"),
                        milestone())
                .when(new CompleteMilestone(OPPORTUNITY, CYCLE, "m-1", null, STEERING))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void completingAnUnknownMilestoneIsNotFound() {
        fixture.given(listed(), screened(DEEP_DIVE), milestone())
                .when(new CompleteMilestone(OPPORTUNITY, CYCLE, "m-404", null, DESIGNER))
                .expectException(UnknownItem.class)
                .expectNoEvents();
    }

    @Test
    void completingADoneMilestoneIsADuplicate() {
        fixture.given(listed(), screened(DEEP_DIVE), milestone(),
                        new MilestoneCompleted(OPPORTUNITY, CYCLE, DISTRICT, "m-1", "designer"))
                .when(new CompleteMilestone(OPPORTUNITY, CYCLE, "m-1", null, DESIGNER))
                .expectException(breaking("duplicate"))
                .expectNoEvents();
    }

    @Test
    void theOwnerCanRecordCapturedSavings() {
        fixture.given(listed(), screened(DEEP_DIVE), new OwnerAssigned(OPPORTUNITY, CYCLE, DISTRICT, "steering", "designer"))
                .when(new CaptureSavings(OPPORTUNITY, CYCLE, "cap-1", $("125000.50"), JULY_1, "Two routes merged", null,
                        STEERING))
                .expectEvents(new SavingsCaptured(OPPORTUNITY, CYCLE, DISTRICT, "cap-1", $("125000.50"), JULY_1,
                        "Two routes merged", "steering"));
    }

    @Test
    void capturesNeedAnAmountAboveZero() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new CaptureSavings(OPPORTUNITY, CYCLE, "cap-1", $("0.00"), JULY_1, "", null, ANALYST))
                .expectException(InvalidField.class)
                .expectException(invalid("amount"))
                .expectNoEvents();
    }

    @Test
    void cannotCaptureSavingsOfAScreenedOutOpportunity() {
        fixture.given(listed(), screened(SCREENED_OUT))
                .when(new CaptureSavings(OPPORTUNITY, CYCLE, "cap-1", $("10.00"), JULY_1, "", null, ANALYST))
                .expectException(breaking("opportunity-screened-out"))
                .expectNoEvents();
    }

    @Test
    void auditorWhoIsNotTheOwnerCannotCapture() {
        fixture.given(listed(), screened(DEEP_DIVE))
                .when(new CaptureSavings(OPPORTUNITY, CYCLE, "cap-1", $("10.00"), JULY_1, "", null, AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- follow-ups

    @Test
    void theRenegotiationWindowOpensOnItsDate() {
        fixture.given(listed(), screened(DEEP_DIVE), busContract())
                .when(new OpenRenegotiationWindow(OPPORTUNITY, "k-1", JULY_1, SYSTEM))
                .expectEvents(new RenegotiationWindowOpened(OPPORTUNITY, CYCLE, DISTRICT, "k-1", JULY_1, "system"))
                .expectResultMessagePayload(true);
    }

    @Test
    void theRenegotiationWindowDoesNotOpenBeforeItsDate() {
        fixture.given(listed(), screened(DEEP_DIVE), busContract())
                .when(new OpenRenegotiationWindow(OPPORTUNITY, "k-1", JULY_1.minusDays(1), SYSTEM))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void theRenegotiationWindowOpensOnlyOnce() {
        fixture.given(listed(), screened(DEEP_DIVE), busContract(),
                        new RenegotiationWindowOpened(OPPORTUNITY, CYCLE, DISTRICT, "k-1", JULY_1, "system"))
                .when(new OpenRenegotiationWindow(OPPORTUNITY, "k-1", JULY_1.plusDays(3), SYSTEM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUndoneMilestoneIsOverdueTheDayAfterItsDueDate() {
        fixture.given(listed(), screened(DEEP_DIVE), milestone())
                .when(new MarkMilestoneOverdue(OPPORTUNITY, "m-1", JULY_1.plusDays(1), SYSTEM))
                .expectEvents(new MilestoneOverdue(OPPORTUNITY, CYCLE, DISTRICT, "m-1", JULY_1, "system"));
    }

    @Test
    void aMilestoneIsNotOverdueOnItsDueDate() {
        fixture.given(listed(), screened(DEEP_DIVE), milestone())
                .when(new MarkMilestoneOverdue(OPPORTUNITY, "m-1", JULY_1, SYSTEM))
                .expectNoEvents();
    }

    @Test
    void aDoneMilestoneNeverBecomesOverdue() {
        fixture.given(listed(), screened(DEEP_DIVE), milestone(),
                        new MilestoneCompleted(OPPORTUNITY, CYCLE, DISTRICT, "m-1", "designer"))
                .when(new MarkMilestoneOverdue(OPPORTUNITY, "m-1", JULY_1.plusDays(30), SYSTEM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aMilestoneBecomesOverdueOnlyOnce() {
        fixture.given(listed(), screened(DEEP_DIVE), milestone(),
                        new MilestoneOverdue(OPPORTUNITY, CYCLE, DISTRICT, "m-1", JULY_1, "system"))
                .when(new MarkMilestoneOverdue(OPPORTUNITY, "m-1", JULY_1.plusDays(2), SYSTEM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anOverdueMilestoneCanStillBeCompleted() {
        fixture.given(listed(), screened(DEEP_DIVE), milestone(),
                        new MilestoneOverdue(OPPORTUNITY, CYCLE, DISTRICT, "m-1", JULY_1, "system"))
                .when(new CompleteMilestone(OPPORTUNITY, CYCLE, "m-1", 4L, ANALYST))
                .expectEvents(new MilestoneCompleted(OPPORTUNITY, CYCLE, DISTRICT, "m-1", "analyst"));
    }

    // ---------------------------------------------------------------- funding committed by approved packages

    private static OpportunitySized sizedAt(String high) {
        return new OpportunitySized(OPPORTUNITY, CYCLE, DISTRICT, "s-1",
                List.of(new DriverAdjustment("buses", $("40"), $("95000.00"), $("36"), $("32"), null, null)),
                $("380000.00"), $(high), 4, "Consolidate routes", "analyst");
    }

    private static FundingCommitted committed(String tradeoffId, String amount) {
        return new FundingCommitted(OPPORTUNITY, CYCLE, DISTRICT, tradeoffId, $(amount), "steering");
    }

    private static CommitFunding commit(String tradeoffId, String amount) {
        return new CommitFunding(OPPORTUNITY, CYCLE, tradeoffId, $(amount), STEERING);
    }


    @Test
    void anApprovedPackageCommitsFundingWithinTheHighEstimate() {
        fixture.given(listed(), screened(DEEP_DIVE), buses(), sizedAt("760000.00"), committed("t-0", "160000.00"))
                .when(commit("t-1", "600000.00"))
                .expectEvents(committed("t-1", "600000.00"));
    }

    @Test
    void fundingBeyondWhatIsLeftOfTheHighEstimateIsRefusedWithTheNumbers() {
        fixture.given(listed(), screened(DEEP_DIVE), buses(), sizedAt("760000.00"), committed("t-0", "600000.00"))
                .when(commit("t-1", "600000.00"))
                .expectException(OverCommitted.class)
                .expectException(breaking("over-committed"))
                .expectException(overCommitted(Map.of("opportunityId", OPPORTUNITY, "number", 1, "high", "760000.00",
                        "committed", "600000.00", "available", "160000.00", "requested", "600000.00")))
                .expectNoEvents();
    }

    @Test
    void aLoweredEstimateLeavesNothingAvailableForMoreFunding() {
        fixture.given(listed(), screened(DEEP_DIVE), buses(), sizedAt("760000.00"), committed("t-0", "600000.00"),
                        sizedAt("500000"))
                .when(commit("t-1", "0.01"))
                .expectException(overCommitted(Map.of("opportunityId", OPPORTUNITY, "number", 1, "high", "500000.00",
                        "committed", "600000.00", "available", "-100000.00", "requested", "0.01")))
                .expectNoEvents();
    }

    @Test
    void anUnsizedOpportunityFundsNothing() {
        fixture.given(listed(), screened(DEEP_DIVE), buses())
                .when(commit("t-1", "1.00"))
                .expectException(breaking("opportunity-not-sized"))
                .expectNoEvents();
    }

    @Test
    void aPackageCommitsFundingOnAnOpportunityOnlyOnce() {
        fixture.given(listed(), screened(DEEP_DIVE), buses(), sizedAt("760000.00"), committed("t-1", "100000.00"))
                .when(commit("t-1", "100000.00"))
                .expectException(breaking("duplicate"))
                .expectNoEvents();
    }

    @Test
    void onlyTheSteeringCommitteeCommitsFunding() {
        fixture.given(listed(), screened(DEEP_DIVE), buses(), sizedAt("760000.00"))
                .when(new CommitFunding(OPPORTUNITY, CYCLE, "t-1", $("1.00"), DESIGNER))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }
}
