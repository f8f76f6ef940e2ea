package org.tradeoffs.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.contract.Examples.BUDGET_LINE_ID;
import static org.tradeoffs.contract.Examples.DRIVER_ID;
import static org.tradeoffs.contract.Examples.JSON;
import static org.tradeoffs.contract.Examples.OPPORTUNITY_ID;
import static org.tradeoffs.contract.Examples.analysedOpportunity;
import static org.tradeoffs.contract.Examples.analysedOpportunitySummary;
import static org.tradeoffs.contract.Examples.approvedPriority;
import static org.tradeoffs.contract.Examples.approvedTradeoff;
import static org.tradeoffs.contract.Examples.balance;
import static org.tradeoffs.contract.Examples.capture;
import static org.tradeoffs.contract.Examples.correctedInput;
import static org.tradeoffs.contract.Examples.draftedTradeoff;
import static org.tradeoffs.contract.Examples.inputDigest;
import static org.tradeoffs.contract.Examples.listedOpportunity;
import static org.tradeoffs.contract.Examples.listedOpportunitySummary;
import static org.tradeoffs.contract.Examples.milestone;
import static org.tradeoffs.contract.Examples.overCommitted;
import static org.tradeoffs.contract.Examples.parse;
import static org.tradeoffs.contract.Examples.priorityRequest;
import static org.tradeoffs.contract.Examples.problem;
import static org.tradeoffs.contract.Examples.proposedPriority;
import static org.tradeoffs.contract.Examples.recordedInput;
import static org.tradeoffs.contract.Examples.savingsPipeline;
import static org.tradeoffs.contract.Examples.sizing;
import static org.tradeoffs.contract.Examples.sizingRequest;
import static org.tradeoffs.contract.Examples.stakeholderInputRequest;
import static org.tradeoffs.contract.Examples.timelineEntry;
import static org.tradeoffs.contract.Examples.tradeoffRequest;
import static org.tradeoffs.contract.Examples.votingTradeoff;

class SchemaValidationTest {

    private final Contract contract = Contract.load();

    private List<String> validate(String schema, Object payload) {
        return contract.validate(schema, payload.toString());
    }

    @Test
    void acceptsAProposedAndAnApprovedPriorityView() {
        assertThat(validate("priority-view", proposedPriority())).isEmpty();
        assertThat(validate("priority-view", approvedPriority())).isEmpty();
    }

    @Test
    void rejectsAPriorityViewWithoutItsStatus() {
        ObjectNode view = proposedPriority();
        view.remove("status");

        assertThat(validate("priority-view", view)).singleElement().asString().contains("status");
    }

    @Test
    void rejectsAPriorityViewThatLeavesOutANullableField() {
        ObjectNode view = proposedPriority();
        view.remove("lcapGoal");

        assertThat(validate("priority-view", view)).singleElement().asString().contains("lcapGoal");
    }

    @Test
    void rejectsAPriorityStatusOutsideTheAgreedEnum() {
        ObjectNode view = proposedPriority().put("status", "DRAFT");

        assertThat(validate("priority-view", view)).anySatisfy(m -> assertThat(m).contains("$.status"));
    }

    @Test
    void rejectsAPriorityViewWithAPropertyTheContractDoesNotName() {
        ObjectNode view = proposedPriority().put("owner", "designer");

        assertThat(validate("priority-view", view)).singleElement().asString().contains("owner");
    }

    @Test
    void rejectsAnAmountEmittedAsANumberInAView() {
        ObjectNode view = proposedPriority().put("estimatedAnnualCost", 1250000.00);

        assertThat(validate("priority-view", view)).singleElement().asString().contains("estimatedAnnualCost");
    }

    @Test
    void rejectsAnAmountInScientificNotationInAView() {
        ObjectNode view = proposedPriority().put("estimatedAnnualCost", "1.25E+6");

        assertThat(validate("priority-view", view)).singleElement().asString().contains("estimatedAnnualCost");
    }

    @Test
    void rejectsAnApprovedPriorityWithoutItsDecision() {
        ObjectNode view = approvedPriority().putNull("decision");

        assertThat(validate("priority-view", view)).isNotEmpty();
    }

    @Test
    void rejectsAReopenedPriorityThatStillCarriesItsDecision() {
        ObjectNode view = approvedPriority().put("status", "PROPOSED");

        assertThat(validate("priority-view", view)).isNotEmpty();
    }

    @Test
    void rejectsIdsThatAreNotUuidsAndInstantsThatAreNotIso8601() {
        assertThat(validate("priority-view", proposedPriority().put("id", "p-1")))
                .singleElement().asString().contains("$.id");
        assertThat(validate("priority-view", proposedPriority().put("proposedAt", "02/03/2027 10:00")))
                .singleElement().asString().contains("$.proposedAt");
        assertThat(validate("priority-view", proposedPriority().put("proposedAt", 1_803_981_600_000L)))
                .singleElement().asString().contains("$.proposedAt");
    }

    @Test
    void acceptsARequestAmountAsANumberOrAString() {
        assertThat(validate("priority-request", priorityRequest())).isEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", "1250000.00"))).isEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", 0.07))).isEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", 1250000))).isEmpty();
    }

    @Test
    void rejectsARequestAmountThatIsNegativeOrHasMoreThanTwoDecimals() {
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", -1))).isNotEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", "-1.00"))).isNotEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", 10.005))).isNotEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", "10.005"))).isNotEmpty();
    }

    @Test
    void rejectsABlankTitleAndAnUnknownFundability() {
        assertThat(validate("priority-request", priorityRequest().put("title", "   "))).isNotEmpty();
        assertThat(validate("priority-request", priorityRequest().put("fundability", "MAYBE"))).isNotEmpty();
    }

    @Test
    void acceptsARequestWithACostSplitInsteadOfOneAmount() {
        ObjectNode request = priorityRequest();
        request.remove("estimatedAnnualCost");
        request.set("cost", parse("""
                {"staff": "1100000.00", "services": 120000, "materials": 30000.5, "unallocated": 0}"""));

        assertThat(validate("priority-request", request)).isEmpty();
    }

    @Test
    void rejectsARequestWithBothACostSplitAndOneAmountOrWithNeither() {
        ObjectNode both = priorityRequest();
        both.set("cost", parse("""
                {"staff": 1, "services": 0, "materials": 0, "unallocated": 0}"""));
        ObjectNode neither = priorityRequest();
        neither.remove("estimatedAnnualCost");

        assertThat(validate("priority-request", both)).isNotEmpty();
        assertThat(validate("priority-request", neither)).isNotEmpty();
    }

    @Test
    void rejectsACostSplitWithANegativeOrMissingPart() {
        ObjectNode negative = priorityRequest();
        negative.remove("estimatedAnnualCost");
        negative.set("cost", parse("""
                {"staff": -1, "services": 0, "materials": 0, "unallocated": 0}"""));
        ObjectNode missing = priorityRequest();
        missing.remove("estimatedAnnualCost");
        missing.set("cost", parse("""
                {"staff": 1, "services": 0, "materials": 0}"""));

        assertThat(validate("priority-request", negative)).anySatisfy(m -> assertThat(m).contains("staff"));
        assertThat(validate("priority-request", missing)).anySatisfy(m -> assertThat(m).contains("unallocated"));
    }

    @Test
    void rejectsAPriorityViewWithoutItsCostSplitOrWithANegativePart() {
        ObjectNode withoutSplit = proposedPriority();
        withoutSplit.remove("cost");
        ObjectNode negative = proposedPriority();
        ((ObjectNode) negative.get("cost")).put("staff", "-1.00");

        assertThat(validate("priority-view", withoutSplit)).singleElement().asString().contains("cost");
        assertThat(validate("priority-view", negative)).anySatisfy(m -> assertThat(m).contains("$.cost.staff"));
    }

    @Test
    void acceptsAWriteReceiptWhosePositionIsNullBecauseNothingWasStored() {
        String receipt = """
                {"id": "%s", "version": 3, "position": null}""".formatted(Examples.DISTRICT_ID);

        assertThat(contract.validate("write-receipt", receipt)).isEmpty();
    }

    @Test
    void rejectsAWriteReceiptWithoutItsPosition() {
        String receipt = """
                {"id": "%s", "version": 3}""".formatted(Examples.DISTRICT_ID);

        assertThat(contract.validate("write-receipt", receipt)).singleElement().asString().contains("position");
    }

    @Test
    void acceptsAValidationProblemWithItsFieldErrors() {
        ObjectNode problem = problem("validation-failed", 400);
        problem.set("errors", JSON.createArrayNode().add(parse("""
                {"field": "title", "message": "must not be blank"}""")));

        assertThat(validate("problem", problem)).isEmpty();
    }

    @Test
    void rejectsAValidationProblemWithoutFieldErrors() {
        assertThat(validate("problem", problem("validation-failed", 400))).isNotEmpty();
    }

    @Test
    void rejectsFieldErrorsOnAProblemOtherThanValidationFailed() {
        ObjectNode problem = problem("not-found", 404);
        problem.set("errors", JSON.createArrayNode().add(parse("""
                {"field": "title", "message": "must not be blank"}""")));

        assertThat(validate("problem", problem)).isNotEmpty();
    }

    @Test
    void rejectsAProblemWhoseStatusDoesNotGoWithItsCode() {
        assertThat(validate("problem", problem("stale-version", 412))).isEmpty();
        assertThat(validate("problem", problem("stale-version", 409))).isNotEmpty();
    }

    @Test
    void rejectsAProblemWhoseTypeDoesNotNameItsCode() {
        ObjectNode problem = problem("not-found", 404).put("type", "about:blank");

        assertThat(validate("problem", problem)).isNotEmpty();
    }

    @Test
    void rejectsATimelineSummaryOfMoreThanOneLine() {
        assertThat(validate("timeline-entry", timelineEntry())).isEmpty();
        assertThat(validate("timeline-entry", timelineEntry().put("summary", "proposed\nby designer")))
                .singleElement().asString().contains("summary");
    }

    @Test
    void rejectsAPriorityEventFiledUnderTheCycleItem() {
        assertThat(validate("timeline-entry", timelineEntry().put("itemKind", "CYCLE"))).isNotEmpty();
    }

    // Savings opportunities: views

    @Test
    void acceptsAListedAndAnAnalysedOpportunityAsSummaryAndAsDetail() {
        assertThat(validate("opportunity-summary", listedOpportunitySummary())).isEmpty();
        assertThat(validate("opportunity-summary", analysedOpportunitySummary())).isEmpty();
        assertThat(validate("opportunity-detail", listedOpportunity())).isEmpty();
        assertThat(validate("opportunity-detail", analysedOpportunity())).isEmpty();
    }

    @Test
    void rejectsADetailWhereASummaryIsExpectedAndTheOtherWayRound() {
        assertThat(validate("opportunity-summary", listedOpportunity()))
                .anySatisfy(m -> assertThat(m).contains("budgetTree"));
        assertThat(validate("opportunity-detail", listedOpportunitySummary()))
                .anySatisfy(m -> assertThat(m).contains("budgetTree"));
    }

    @Test
    void rejectsAnOpportunityThatLeavesOutANullableField() {
        assertThat(validate("opportunity-summary", listedOpportunitySummary().without("owner")))
                .singleElement().asString().contains("owner");
        assertThat(validate("opportunity-detail", listedOpportunity().without("currentSizing")))
                .anySatisfy(m -> assertThat(m).contains("currentSizing"));
    }

    @Test
    void rejectsAFocusAreaTitleThatIsNotTheTitleOfItsFocusArea() {
        ObjectNode summary = listedOpportunitySummary().put("focusAreaTitle", "Managing class size");

        assertThat(validate("opportunity-summary", summary)).singleElement().asString().contains("$.focusAreaTitle");
        assertThat(validate("opportunity-summary", summary.put("focusArea", "CLASS_SIZE"))).isEmpty();
    }

    @Test
    void rejectsACatalogNumberAfterTheCatalogAndADistrictsOwnNumberInsideIt() {
        assertThat(validate("opportunity-summary", listedOpportunitySummary().put("number", 32)))
                .singleElement().asString().contains("$.number");
        assertThat(validate("opportunity-summary", listedOpportunitySummary().put("catalog", false)))
                .singleElement().asString().contains("$.number");
        assertThat(validate("opportunity-summary", listedOpportunitySummary().put("catalog", false).put("number", 32)))
                .isEmpty();
    }

    @Test
    void rejectsASavingsEstimateWithoutTwoDecimalsOrAsANumber() {
        assertThat(validate("opportunity-summary", analysedOpportunitySummary().put("low", "380000")))
                .anySatisfy(m -> assertThat(m).contains("$.low"));
        assertThat(validate("opportunity-summary", analysedOpportunitySummary().put("high", "760000.5")))
                .anySatisfy(m -> assertThat(m).contains("$.high"));
        assertThat(validate("opportunity-summary", analysedOpportunitySummary().put("low", 380000.00)))
                .anySatisfy(m -> assertThat(m).contains("$.low"));
        assertThat(validate("opportunity-summary", analysedOpportunitySummary().put("low", "3.8E+5")))
                .anySatisfy(m -> assertThat(m).contains("$.low"));
        assertThat(validate("opportunity-summary", listedOpportunitySummary().put("capturedToDate", "0")))
                .singleElement().asString().contains("$.capturedToDate");
    }

    @Test
    void acceptsANegativeEstimateThatShowsACostButNoNegativeCapturedTotal() {
        assertThat(validate("opportunity-summary", analysedOpportunitySummary().put("low", "-1500.00"))).isEmpty();
        assertThat(validate("opportunity-summary", analysedOpportunitySummary().put("capturedToDate", "-1.00")))
                .singleElement().asString().contains("$.capturedToDate");
    }

    @Test
    void rejectsAnEstimateThatIsOnlyPartlyThere() {
        assertThat(validate("opportunity-summary", analysedOpportunitySummary().putNull("ease")))
                .singleElement().asString().contains("$.ease");
        assertThat(validate("opportunity-summary", listedOpportunitySummary().put("high", "760000.00")))
                .singleElement().asString().contains("$.high");
    }

    @Test
    void rejectsAnUnnamedPropertyDeepDownInTheBudgetTree() {
        ObjectNode detail = analysedOpportunity();
        ((ObjectNode) detail.at("/budgetTree/children/0/children/0/children/0")).put("amount", "1.00");

        assertThat(validate("opportunity-detail", detail)).singleElement().asString()
                .contains("$.budgetTree.children[0].children[0].children[0]").contains("amount");
    }

    @Test
    void rejectsABudgetTreeWhoseRootIsNotAllOrHoldsALine() {
        ObjectNode renamed = analysedOpportunity();
        ((ObjectNode) renamed.get("budgetTree")).put("name", "Operations");
        ObjectNode rootLine = analysedOpportunity();
        ((ObjectNode) rootLine.get("budgetTree")).putArray("lineIds").add(BUDGET_LINE_ID);

        assertThat(validate("opportunity-detail", renamed)).singleElement().asString().contains("$.budgetTree.name");
        assertThat(validate("opportunity-detail", rootLine)).singleElement().asString().contains("$.budgetTree.lineIds");
    }

    @Test
    void rejectsABudgetTreeLeafThatHoldsNoLine() {
        ObjectNode detail = analysedOpportunity();
        ((ObjectNode) detail.at("/budgetTree/children/0/children/0/children/0")).putArray("lineIds");

        assertThat(validate("opportunity-detail", detail)).singleElement().asString()
                .contains("$.budgetTree.children[0].children[0].children[0].lineIds");
    }

    @Test
    void rejectsABudgetLineWithMoreThanSixSegmentsOrAnAmountWithoutCents() {
        ObjectNode deep = analysedOpportunity();
        ((ArrayNode) deep.at("/budgetLines/0/path")).add("a").add("b").add("c").add("d");
        ObjectNode noCents = analysedOpportunity();
        ((ObjectNode) noCents.at("/budgetLines/0")).put("annualAmount", "3800000");

        assertThat(validate("opportunity-detail", deep)).singleElement().asString().contains("$.budgetLines[0].path");
        assertThat(validate("opportunity-detail", noCents))
                .anySatisfy(m -> assertThat(m).contains("$.budgetLines[0].annualAmount"));
    }

    @Test
    void rejectsAStatusThatDoesNotGoWithTheScreenings() {
        assertThat(validate("opportunity-detail", listedOpportunity().put("status", "DEEP_DIVE")))
                .singleElement().asString().contains("$.screenings");
        assertThat(validate("opportunity-detail", analysedOpportunity().put("status", "NOT_SCREENED")))
                .singleElement().asString().contains("$.screenings");
        assertThat(validate("opportunity-detail", analysedOpportunity().put("status", "SCREENED_OUT"))).isEmpty();
    }

    @Test
    void rejectsACurrentSizingMissingFromTheHistoryAndAnEstimateWithoutACurrentSizing() {
        ObjectNode noHistory = analysedOpportunity();
        noHistory.putArray("sizingHistory");
        ObjectNode noCurrent = analysedOpportunity().putNull("currentSizing");

        assertThat(validate("opportunity-detail", noHistory)).singleElement().asString().contains("$.sizingHistory");
        assertThat(validate("opportunity-detail", noCurrent)).isNotEmpty()
                .anySatisfy(m -> assertThat(m).contains("$.low"))
                .anySatisfy(m -> assertThat(m).contains("$.sizingHistory"));
    }

    @Test
    void acceptsAResizingThatReportsItsChangeButRejectsAFirstSizingThatDoes() {
        ObjectNode second = sizing().put("low", "300000.00").put("high", "800000.00")
                .put("lowChange", "-80000.00").put("highChange", "40000.00");
        ObjectNode resized = analysedOpportunity().put("low", "300000.00").put("high", "800000.00");
        resized.set("currentSizing", second);
        resized.set("sizingHistory", JSON.createArrayNode().add(sizing()).add(second));
        ObjectNode firstWithChange = analysedOpportunity();
        firstWithChange.set("sizingHistory", JSON.createArrayNode().add(second));

        assertThat(validate("opportunity-detail", resized)).isEmpty();
        assertThat(validate("opportunity-detail", firstWithChange))
                .anySatisfy(m -> assertThat(m).contains("$.sizingHistory[0].lowChange"));
    }

    @Test
    void rejectsASizingWithOnlyOneOfItsChangesOrAQuantityEmittedAsANumber() {
        ObjectNode detail = analysedOpportunity();
        ObjectNode current = (ObjectNode) detail.get("currentSizing");
        current.put("lowChange", "-80000.00");
        ((ObjectNode) current.at("/adjustments/0")).put("conservativeQuantity", 36);

        assertThat(validate("opportunity-detail", detail))
                .anySatisfy(m -> assertThat(m).contains("$.currentSizing.highChange"))
                .anySatisfy(m -> assertThat(m).contains("$.currentSizing.adjustments[0].conservativeQuantity"));
    }

    @Test
    void rejectsARenegotiationWindowOnAConstraintThatIsNotAContractOrOpenedWithoutATime() {
        ObjectNode policy = analysedOpportunity();
        ((ObjectNode) policy.at("/constraints/0")).put("kind", "STATE_POLICY");
        ObjectNode opened = analysedOpportunity();
        ((ObjectNode) opened.at("/constraints/0")).put("windowOpened", true);

        assertThat(validate("opportunity-detail", policy))
                .singleElement().asString().contains("$.constraints[0].renegotiationDate");
        assertThat(validate("opportunity-detail", opened))
                .singleElement().asString().contains("$.constraints[0].windowOpenedAt");
        ((ObjectNode) opened.at("/constraints/0")).put("windowOpenedAt", "2027-07-01T07:00:05Z");
        assertThat(validate("opportunity-detail", opened)).isEmpty();
    }

    @Test
    void rejectsADoneMilestoneWithoutItsCompletionTimeAndAnOpenOneWithIt() {
        ObjectNode detail = analysedOpportunity();
        detail.putArray("milestones").add(milestone().put("overdue", true))
                .add(milestone().put("done", true).put("doneAt", "2027-05-14T22:10:00Z"));
        assertThat(validate("opportunity-detail", detail)).isEmpty();

        ((ObjectNode) detail.at("/milestones/0")).put("doneAt", "2027-05-14T22:10:00Z");
        ((ObjectNode) detail.at("/milestones/1")).putNull("doneAt");
        assertThat(validate("opportunity-detail", detail))
                .anySatisfy(m -> assertThat(m).contains("$.milestones[0].doneAt"))
                .anySatisfy(m -> assertThat(m).contains("$.milestones[1].doneAt"));
    }

    @Test
    void rejectsACapturedToDateThatDisagreesWithWhetherThereAreCaptures() {
        ObjectNode captured = analysedOpportunity().put("capturedToDate", "95000.00");
        captured.putArray("captures").add(capture());

        assertThat(validate("opportunity-detail", captured)).isEmpty();
        assertThat(validate("opportunity-detail", captured.deepCopy().put("capturedToDate", "0.00")))
                .singleElement().asString().contains("$.capturedToDate");
        assertThat(validate("opportunity-detail", listedOpportunity().put("capturedToDate", "95000.00")))
                .singleElement().asString().contains("$.capturedToDate");
        ((ObjectNode) captured.at("/captures/0")).put("amount", "0.00");
        assertThat(validate("opportunity-detail", captured))
                .singleElement().asString().contains("$.captures[0].amount");
    }

    @Test
    void acceptsASavingsPipelineWithAllSevenFocusAreasInEnumOrder() {
        assertThat(validate("savings-pipeline", savingsPipeline())).isEmpty();
    }

    @Test
    void rejectsAPipelineThatLeavesOutReordersOrAddsAFocusArea() {
        ObjectNode missing = savingsPipeline();
        ((ArrayNode) missing.get("byFocusArea")).remove(6);
        ObjectNode reordered = savingsPipeline();
        ArrayNode areas = (ArrayNode) reordered.get("byFocusArea");
        areas.insert(0, areas.remove(1));
        ObjectNode extra = savingsPipeline();
        ((ArrayNode) extra.get("byFocusArea")).add(extra.get("byFocusArea").get(6).deepCopy());

        assertThat(validate("savings-pipeline", missing)).singleElement().asString().contains("$.byFocusArea");
        assertThat(validate("savings-pipeline", reordered))
                .anySatisfy(m -> assertThat(m).contains("$.byFocusArea[0].focusArea"));
        assertThat(validate("savings-pipeline", extra)).singleElement().asString().contains("$.byFocusArea");
    }

    @Test
    void rejectsARankingThatDoesNotStartAtOneAndAFunnelStageTheContractDoesNotName() {
        ObjectNode ranking = savingsPipeline();
        ((ObjectNode) ranking.at("/ranking/0")).put("rank", 2);
        ObjectNode funnel = savingsPipeline();
        ((ObjectNode) funnel.get("funnel")).put("approved", 0);

        assertThat(validate("savings-pipeline", ranking)).singleElement().asString().contains("$.ranking[0].rank");
        assertThat(validate("savings-pipeline", funnel)).singleElement().asString().contains("approved");
    }

    @Test
    void rejectsAnOverdueMilestoneThatLeavesOutItsOwner() {
        ObjectNode pipeline = savingsPipeline();
        ObjectNode overdue = ((ArrayNode) pipeline.get("overdueMilestones")).addObject()
                .put("opportunityId", OPPORTUNITY_ID).put("number", 1).put("milestoneId", Examples.MILESTONE_ID)
                .put("title", "Board approves the route plan").put("dueDate", "2027-05-15").putNull("owner");
        assertThat(validate("savings-pipeline", pipeline)).isEmpty();

        overdue.remove("owner");
        assertThat(validate("savings-pipeline", pipeline)).singleElement().asString().contains("owner");
    }

    @Test
    void acceptsASizingReceiptWithTheComputedSavings() {
        String receipt = """
                {"id": "%s", "version": 6, "position": 117, "low": "380000.00", "high": "760000.00"}"""
                .formatted(Examples.SIZING_ID);

        assertThat(contract.validate("sizing-receipt", receipt)).isEmpty();
    }

    @Test
    void rejectsASizingReceiptWithoutItsSavingsOrWithoutAPosition() {
        assertThat(contract.validate("sizing-receipt", """
                {"id": "%s", "version": 6, "position": 117}""".formatted(Examples.SIZING_ID)))
                .hasSize(2).allSatisfy(m -> assertThat(m).containsAnyOf("low", "high"));
        assertThat(contract.validate("sizing-receipt", """
                {"id": "%s", "version": 6, "position": null, "low": "380000.00", "high": "760000.00"}"""
                .formatted(Examples.SIZING_ID))).singleElement().asString().contains("$.position");
    }

    // Savings opportunities: requests

    @Test
    void acceptsEverySavingsRequestOfTheSpec() {
        Map<String, String> requests = Map.of(
                "custom-opportunity-request", """
                        {"focusArea": "MAXIMIZING_REVENUE", "question": "Can the district rent out its gyms?"}""",
                "screening-request", """
                        {"decision": "SHALLOW_DIVE", "reason": "Worth a look."}""",
                "budget-line-request", """
                        {"path": "Operations / Transportation / General education routes", "annualAmount": 3800000,
                         "fte": "52.5"}""",
                "cost-driver-request", """
                        {"name": "Buses", "unit": "bus", "quantity": "40", "unitCost": 95000, "trend": "FLAT",
                         "budgetLineId": null}""",
                "constraint-request", """
                        {"kind": "CONTRACT", "rigid": true, "description": "Bus contract.",
                         "renegotiationDate": "2027-07-01"}""",
                "sizing-request", sizingRequest().toString(),
                "owner-request", """
                        {"username": "auditor"}""",
                "milestone-request", """
                        {"title": "Board approves the route plan", "dueDate": "2027-05-15"}""",
                "capture-request", """
                        {"amount": 0.01, "capturedOn": "2027-09-30"}""");

        requests.forEach((schema, request) ->
                assertThat(contract.validate(schema, request)).as(schema).isEmpty());
    }

    @Test
    void acceptsABudgetLinePathOfOneToSixSegmentsWithSpacesAroundThem() {
        String hundred = "x".repeat(100);
        for (String path : List.of("Operations", "  Operations /Transportation  ", "a/b/c/d/e/f",
                " " + hundred + " / Energy ", "Food services / Lunch & breakfast")) {
            assertThat(validate("budget-line-request", parse("""
                    {"annualAmount": 1}""").put("path", path))).as(path).isEmpty();
        }
    }

    @Test
    void rejectsABudgetLinePathWithAnEmptyOrOverlongSegmentOrMoreThanSixSegments() {
        for (String path : List.of("", "  ", "Operations/", "/Operations", "Operations //Energy", "Operations/ /Energy",
                "a/b/c/d/e/f/g", "x".repeat(101), "Operations / " + "x".repeat(101))) {
            assertThat(validate("budget-line-request", parse("""
                    {"annualAmount": 1}""").put("path", path))).as(path).singleElement().asString().contains("$.path");
        }
    }

    @Test
    void rejectsAScreeningBackToNotScreenedOrWithoutAReason() {
        assertThat(contract.validate("screening-request", """
                {"decision": "NOT_SCREENED", "reason": "Undo."}""")).singleElement().asString().contains("$.decision");
        assertThat(contract.validate("screening-request", """
                {"decision": "SCREENED_OUT", "reason": " "}""")).singleElement().asString().contains("$.reason");
        assertThat(contract.validate("screening-request", """
                {"decision": "SCREENED_OUT"}""")).singleElement().asString().contains("reason");
    }

    @Test
    void rejectsASizingAdjustmentThatSetsNoTarget() {
        ObjectNode onlyDriver = sizingRequest();
        ((ArrayNode) onlyDriver.get("adjustments")).removeAll().addObject().put("driverId", DRIVER_ID);
        ObjectNode allNull = sizingRequest();
        ((ArrayNode) allNull.get("adjustments")).removeAll().addObject().put("driverId", DRIVER_ID)
                .putNull("conservativeQuantity").putNull("ambitiousQuantity")
                .putNull("conservativeUnitCost").putNull("ambitiousUnitCost");

        assertThat(validate("sizing-request", onlyDriver)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("$.adjustments[0]"));
        assertThat(validate("sizing-request", allNull)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("$.adjustments[0]"));
    }

    @Test
    void acceptsATargetOfZeroNextToTargetsLeftNull() {
        ObjectNode request = sizingRequest();
        ((ArrayNode) request.get("adjustments")).removeAll().addObject().put("driverId", DRIVER_ID)
                .put("conservativeUnitCost", 0).putNull("ambitiousUnitCost").putNull("conservativeQuantity");

        assertThat(validate("sizing-request", request)).isEmpty();
    }

    @Test
    void rejectsASizingWithoutAdjustmentsWithMoreThanFiftyOrWithAnEaseOutsideOneToFive() {
        ObjectNode none = sizingRequest();
        none.putArray("adjustments");
        ObjectNode many = sizingRequest();
        ArrayNode adjustments = many.putArray("adjustments");
        for (int i = 0; i < 51; i++) {
            adjustments.add(sizingRequest().get("adjustments").get(0).deepCopy());
        }

        assertThat(validate("sizing-request", none)).singleElement().asString().contains("$.adjustments");
        assertThat(validate("sizing-request", many)).singleElement().asString().contains("$.adjustments");
        assertThat(validate("sizing-request", sizingRequest().put("ease", 0))).singleElement().asString()
                .contains("$.ease");
        assertThat(validate("sizing-request", sizingRequest().put("ease", 6))).singleElement().asString()
                .contains("$.ease");
        assertThat(validate("sizing-request", sizingRequest().without("ease")))
                .singleElement().asString().contains("ease");
    }

    @Test
    void rejectsATargetThatIsNegativeOrHasMoreThanTwoDecimals() {
        ObjectNode negative = sizingRequest();
        ((ObjectNode) negative.at("/adjustments/0")).put("ambitiousQuantity", -1);
        ObjectNode fine = sizingRequest();
        ((ObjectNode) fine.at("/adjustments/0")).put("ambitiousUnitCost", "94999.995");

        assertThat(validate("sizing-request", negative))
                .anySatisfy(m -> assertThat(m).contains("$.adjustments[0].ambitiousQuantity"));
        assertThat(validate("sizing-request", fine))
                .anySatisfy(m -> assertThat(m).contains("$.adjustments[0].ambitiousUnitCost"));
    }

    @Test
    void rejectsACaptureOfZeroOrLess() {
        ObjectNode capture = parse("""
                {"capturedOn": "2027-09-30", "note": "One route retired."}""");
        for (Object amount : List.of(0, 0.00, "0", "0.00", -5, "-5.00")) {
            assertThat(validate("capture-request", capture.deepCopy().putPOJO("amount", amount))).as("" + amount)
                    .isNotEmpty().allSatisfy(m -> assertThat(m).contains("$.amount"));
        }
        for (Object amount : List.of(0.01, "0.01", 95000, "95000.00")) {
            assertThat(validate("capture-request", capture.deepCopy().putPOJO("amount", amount))).as("" + amount)
                    .isEmpty();
        }
    }

    @Test
    void rejectsDatesThatAreNotIsoCalendarDates() {
        for (String date : List.of("30/09/2027", "2027-09-30T00:00:00Z", "2027-02-30")) {
            assertThat(contract.validate("capture-request", """
                    {"amount": 1, "capturedOn": "%s"}""".formatted(date))).as(date)
                    .singleElement().asString().contains("$.capturedOn");
            assertThat(contract.validate("milestone-request", """
                    {"title": "Board vote", "dueDate": "%s"}""".formatted(date))).as(date)
                    .singleElement().asString().contains("$.dueDate");
        }
    }

    @Test
    void rejectsARenegotiationDateOnAConstraintThatIsNotAContract() {
        assertThat(contract.validate("constraint-request", """
                {"kind": "STATE_POLICY", "rigid": true, "description": "Ed Code 39800.", "renegotiationDate": "2027-07-01"}
                """)).singleElement().asString().contains("$.renegotiationDate");
        assertThat(contract.validate("constraint-request", """
                {"kind": "STATE_POLICY", "rigid": true, "description": "Ed Code 39800.", "renegotiationDate": null}
                """)).isEmpty();
        assertThat(contract.validate("constraint-request", """
                {"kind": "CONTRACT", "description": "Bus contract."}""")).singleElement().asString().contains("rigid");
    }

    @Test
    void rejectsAnUnknownFocusAreaABlankQuestionAnIdThatIsNotAUuidAndAUsernameWithASpace() {
        assertThat(contract.validate("custom-opportunity-request", """
                {"focusArea": "SPORTS", "question": "Can the district share fields?"}"""))
                .singleElement().asString().contains("$.focusArea");
        assertThat(contract.validate("custom-opportunity-request", """
                {"focusArea": "CLASS_SIZE", "question": "  "}""")).singleElement().asString().contains("$.question");
        assertThat(contract.validate("cost-driver-request", """
                {"name": "Buses", "unit": "bus", "quantity": 40, "unitCost": 95000, "trend": "FLAT",
                 "budgetLineId": "line-1"}""")).anySatisfy(m -> assertThat(m).contains("$.budgetLineId"));
        assertThat(contract.validate("owner-request", """
                {"username": "jane doe"}""")).singleElement().asString().contains("$.username");
    }

    @Test
    void acceptsTheSavingsRuleCodesOnlyAs409() {
        for (String code : List.of("opportunity-not-screened", "opportunity-screened-out", "unknown-budget-line",
                "unknown-cost-driver", "owner-not-a-member", "owner-read-only", "duplicate")) {
            assertThat(validate("problem", problem(code, 409))).as(code).isEmpty();
            assertThat(validate("problem", problem(code, 400))).as(code).isNotEmpty();
        }
    }

    @Test
    void acceptsEveryOpportunityEventOnTheTimelineOnlyAsAnOpportunityItem() {
        for (String type : List.of("OpportunityListed", "OpportunityScreened", "BudgetLineAdded", "CostDriverAdded",
                "ConstraintRecorded", "OpportunitySized", "OwnerAssigned", "MilestoneAdded", "MilestoneCompleted",
                "MilestoneOverdue", "SavingsCaptured", "RenegotiationWindowOpened")) {
            ObjectNode entry = timelineEntry().put("type", type).put("itemKind", "OPPORTUNITY")
                    .put("itemId", OPPORTUNITY_ID).put("actor", "system");
            assertThat(validate("timeline-entry", entry)).as(type).isEmpty();
            assertThat(validate("timeline-entry", entry.put("itemKind", "PRIORITY"))).as(type)
                    .singleElement().asString().contains("$.itemKind");
        }
        assertThat(validate("timeline-entry", timelineEntry().put("itemKind", "OPPORTUNITY")))
                .singleElement().asString().contains("$.itemKind");
        assertThat(validate("timeline-entry", timelineEntry().put("type", "OpportunityDeleted")))
                .anySatisfy(m -> assertThat(m).contains("$.type"));
    }

    // Stakeholder input and tradeoff packages: requests

    @Test
    void acceptsEveryInputAndTradeoffRequestOfTheSpec() {
        Map<String, String> requests = Map.of(
                "stakeholder-input-request", stakeholderInputRequest().toString(),
                "input-correction-request", stakeholderInputRequest().<ObjectNode>without("themes")
                        .put("reason", "Nine late paper surveys were counted.").toString(),
                "themes-request", """
                        {"themes": [" bell times ", "Bell Times"]}""",
                "tradeoff-request", tradeoffRequest().toString(),
                "submission-request", """
                        {"quorum": 3, "majority": "TWO_THIRDS"}""",
                "voting-rules-request", """
                        {"quorum": 1, "majority": "SIMPLE"}""",
                "vote-request", """
                        {"vote": "ABSTAIN"}""",
                "closing-request", """
                        {"rationale": "The board meets on Thursday."}""");

        requests.forEach((schema, request) ->
                assertThat(contract.validate(schema, request)).as(schema).isEmpty());
    }

    @Test
    void acceptsInputWithoutLinksAndThemesButNotWithoutRespondents() {
        ObjectNode bare = stakeholderInputRequest().without(List.of("links", "themes"));

        assertThat(validate("stakeholder-input-request", bare)).isEmpty();
        assertThat(validate("stakeholder-input-request", bare.without("respondents")))
                .singleElement().asString().contains("respondents");
        assertThat(validate("stakeholder-input-request", stakeholderInputRequest().put("respondents", 0)))
                .singleElement().asString().contains("$.respondents");
        assertThat(validate("stakeholder-input-request", stakeholderInputRequest().put("summary", " ")))
                .singleElement().asString().contains("$.summary");
        assertThat(validate("stakeholder-input-request", stakeholderInputRequest().put("summary", "x".repeat(2001))))
                .singleElement().asString().contains("$.summary");
    }

    @Test
    void rejectsAnUnknownGroupChannelStanceOrLinkKind() {
        ObjectNode stance = stakeholderInputRequest();
        ((ObjectNode) stance.at("/links/0")).put("stance", "NEUTRAL");
        ObjectNode kind = stakeholderInputRequest();
        ((ObjectNode) kind.at("/links/1")).put("kind", "CYCLE");

        assertThat(validate("stakeholder-input-request", stakeholderInputRequest().put("group", "PRESS")))
                .singleElement().asString().contains("$.group");
        assertThat(validate("stakeholder-input-request", stakeholderInputRequest().put("channel", "PHONE")))
                .singleElement().asString().contains("$.channel");
        assertThat(validate("stakeholder-input-request", stance)).singleElement().asString()
                .contains("$.links[0].stance");
        assertThat(validate("stakeholder-input-request", kind)).singleElement().asString().contains("$.links[1].kind");
    }

    @Test
    void rejectsMoreThanFiftyLinksTwentyThemesOrAThemeThatIsBlankOrLongerThanSixty() {
        ObjectNode links = stakeholderInputRequest();
        ArrayNode many = links.putArray("links");
        ObjectNode themes = stakeholderInputRequest();
        ArrayNode tags = themes.putArray("themes");
        for (int i = 0; i < 51; i++) {
            many.add(stakeholderInputRequest().at("/links/0").deepCopy());
            if (i < 21) {
                tags.add("theme " + i);
            }
        }

        assertThat(validate("stakeholder-input-request", links)).singleElement().asString().contains("$.links");
        assertThat(validate("stakeholder-input-request", themes)).singleElement().asString().contains("$.themes");
        ((ArrayNode) themes.get("themes")).remove(20);
        assertThat(validate("stakeholder-input-request", themes)).isEmpty();
        for (String theme : List.of("", "   ", "x".repeat(61))) {
            ObjectNode request = stakeholderInputRequest();
            ((ArrayNode) request.get("themes")).add(theme);
            assertThat(validate("stakeholder-input-request", request)).as("'" + theme + "'")
                    .isNotEmpty().allSatisfy(m -> assertThat(m).contains("$.themes[3]"));
        }
    }

    @Test
    void rejectsACorrectionWithoutItsReasonAndTaggingWithNoThemeOrMoreThanTwenty() {
        ObjectNode correction = stakeholderInputRequest().without("themes");

        assertThat(validate("input-correction-request", correction)).singleElement().asString().contains("reason");
        assertThat(validate("input-correction-request", correction.put("reason", "  ")))
                .singleElement().asString().contains("$.reason");
        assertThat(validate("input-correction-request", correction.put("reason", "Typo.").put("receivedOn", "April 1")))
                .singleElement().asString().contains("$.receivedOn");
        assertThat(contract.validate("themes-request", """
                {"themes": []}""")).singleElement().asString().contains("$.themes");
        ObjectNode tagging = JSON.createObjectNode();
        ArrayNode themes = tagging.putArray("themes");
        for (int i = 0; i < 21; i++) {
            themes.add("theme " + i);
        }
        assertThat(validate("themes-request", tagging)).singleElement().asString().contains("$.themes");
    }

    @Test
    void rejectsAPackageWithoutInvestmentsOrWithAnAmountThatIsNotAboveZero() {
        ObjectNode none = tradeoffRequest();
        none.putArray("investments");
        ObjectNode zero = tradeoffRequest();
        ((ObjectNode) zero.at("/investments/0")).put("amount", "0.00");
        ObjectNode fine = tradeoffRequest();
        ((ObjectNode) fine.at("/funding/1")).put("amount", 0.001);

        assertThat(validate("tradeoff-request", none)).singleElement().asString().contains("$.investments");
        assertThat(validate("tradeoff-request", tradeoffRequest().without("investments")))
                .singleElement().asString().contains("investments");
        assertThat(validate("tradeoff-request", zero)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("$.investments[0].amount"));
        assertThat(validate("tradeoff-request", fine)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("$.funding[1].amount"));
        assertThat(validate("tradeoff-request", tradeoffRequest().put("title", "")))
                .isNotEmpty().allSatisfy(m -> assertThat(m).contains("$.title"));
        assertThat(validate("tradeoff-request", tradeoffRequest().put("narrative", "x".repeat(8001))))
                .singleElement().asString().contains("$.narrative");
    }

    @Test
    void acceptsAFundingLineFromExactlyOneSourceAndTheViewsLinesSentBack() {
        ObjectNode both = tradeoffRequest();
        ((ObjectNode) both.at("/funding/0")).put("description", "Bus routes");
        ObjectNode neither = tradeoffRequest();
        ((ObjectNode) neither.at("/funding/1")).remove("description");
        ObjectNode nulls = tradeoffRequest();
        ((ObjectNode) nulls.at("/funding/0")).putNull("description");
        ((ObjectNode) nulls.at("/funding/1")).putNull("opportunityId");
        ObjectNode sentBack = tradeoffRequest();
        sentBack.set("funding", draftedTradeoff().get("funding"));

        assertThat(validate("tradeoff-request", both)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("$.funding[0]"));
        assertThat(validate("tradeoff-request", neither)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("$.funding[1]"));
        assertThat(validate("tradeoff-request", nulls)).isEmpty();
        assertThat(validate("tradeoff-request", sentBack)).isEmpty();
    }

    @Test
    void rejectsMoreThanTwoHundredConsideredInputsOrOneThatIsNotAnId() {
        ObjectNode many = tradeoffRequest();
        ArrayNode inputs = many.putArray("consideredInputs");
        for (int i = 0; i < 201; i++) {
            inputs.add(Examples.INPUT_ID);
        }
        ObjectNode notAnId = tradeoffRequest();
        notAnId.putArray("consideredInputs").add("parents survey");

        assertThat(validate("tradeoff-request", many)).singleElement().asString().contains("$.consideredInputs");
        assertThat(validate("tradeoff-request", notAnId)).singleElement().asString().contains("$.consideredInputs[0]");
    }

    @Test
    void rejectsAQuorumBelowOneAnUnknownMajorityVoteOrABlankClosingRationale() {
        for (String schema : List.of("submission-request", "voting-rules-request")) {
            assertThat(contract.validate(schema, """
                    {"quorum": 0, "majority": "SIMPLE"}""")).as(schema).singleElement().asString().contains("$.quorum");
            assertThat(contract.validate(schema, """
                    {"quorum": 2, "majority": "UNANIMOUS"}""")).as(schema)
                    .singleElement().asString().contains("$.majority");
            assertThat(contract.validate(schema, """
                    {"quorum": 2}""")).as(schema).singleElement().asString().contains("majority");
        }
        assertThat(contract.validate("vote-request", """
                {"vote": "YES"}""")).singleElement().asString().contains("$.vote");
        assertThat(contract.validate("vote-request", """
                {"vote": "REJECT", "comment": "%s"}""".formatted("x".repeat(2001))))
                .singleElement().asString().contains("$.comment");
        assertThat(contract.validate("closing-request", """
                {"rationale": " "}""")).singleElement().asString().contains("$.rationale");
    }

    // Stakeholder input and tradeoff packages: problems

    @Test
    void acceptsTheTradeoffRuleCodesOnlyAs409() {
        for (String code : List.of("unknown-linked-item", "tradeoff-not-draft", "priority-not-approved",
                "opportunity-not-sized", "quorum-unreachable", "voting-started", "not-eligible-voter",
                "tradeoff-not-voting")) {
            assertThat(validate("problem", problem(code, 409))).as(code).isEmpty();
            assertThat(validate("problem", problem(code, 400))).as(code).isNotEmpty();
        }
        assertThat(validate("problem", overCommitted())).isEmpty();
        assertThat(validate("problem", overCommitted().put("status", 400))).isNotEmpty();
    }

    @Test
    void acceptsTheOverCommittedNumbersOnlyWithTheirCodeAndAllOfThem() {
        assertThat(validate("problem", overCommitted().without("requested")))
                .singleElement().asString().contains("requested");
        assertThat(validate("problem", overCommitted().put("available", "-40000.00"))).isEmpty();
        assertThat(validate("problem", overCommitted().put("requested", 300000)))
                .anySatisfy(m -> assertThat(m).contains("$.requested"));
        assertThat(validate("problem", overCommitted().put("committed", "500000")))
                .anySatisfy(m -> assertThat(m).contains("$.committed"));
        ObjectNode elsewhere = overCommitted().put("type", "urn:tradeoffs:problem:opportunity-not-sized")
                .put("code", "opportunity-not-sized");
        assertThat(validate("problem", elsewhere)).hasSize(6);
        assertThat(validate("problem", problem("duplicate", 409).put("number", 1)))
                .singleElement().asString().contains("$.number");
    }

    // Stakeholder input: views

    @Test
    void acceptsARecordedAndACorrectedInputView() {
        assertThat(validate("input-view", recordedInput())).isEmpty();
        assertThat(validate("input-view", correctedInput())).isEmpty();
    }

    @Test
    void rejectsAnInputViewThatLeavesOutAListOrHasAPropertyTheContractDoesNotName() {
        assertThat(validate("input-view", recordedInput().without("consideredBy")))
                .singleElement().asString().contains("consideredBy");
        assertThat(validate("input-view", recordedInput().without("corrections")))
                .singleElement().asString().contains("corrections");
        assertThat(validate("input-view", recordedInput().put("email", "parent@example.org")))
                .singleElement().asString().contains("email");
        ObjectNode linkWithoutTitle = recordedInput();
        ((ObjectNode) linkWithoutTitle.at("/links/1")).remove("title");
        assertThat(validate("input-view", linkWithoutTitle)).singleElement().asString().contains("$.links[1]")
                .contains("title");
    }

    @Test
    void rejectsThemesThatAreNotTrimmedOrRepeated() {
        for (String theme : List.of(" early literacy", "transportation ", "", "x".repeat(61))) {
            ObjectNode input = recordedInput();
            input.putArray("themes").add(theme);
            assertThat(validate("input-view", input)).as("'" + theme + "'")
                    .isNotEmpty().allSatisfy(m -> assertThat(m).contains("$.themes[0]"));
        }
        ObjectNode repeated = recordedInput();
        repeated.putArray("themes").add("bus").add("bus");
        assertThat(validate("input-view", repeated)).singleElement().asString().contains("$.themes");
        ObjectNode inner = recordedInput();
        inner.putArray("themes").add("class  size");
        assertThat(validate("input-view", inner)).isEmpty();
    }

    @Test
    void rejectsACorrectionWhosePreviousContentIsNotTheContent() {
        ObjectNode withThemes = correctedInput();
        ((ObjectNode) withThemes.at("/corrections/0/previous")).putArray("themes").add("bus");
        ObjectNode withoutLinks = correctedInput();
        ((ObjectNode) withoutLinks.at("/corrections/0/previous")).remove("links");
        ObjectNode noReason = correctedInput();
        ((ObjectNode) noReason.at("/corrections/0")).remove("reason");

        assertThat(validate("input-view", withThemes)).singleElement().asString()
                .contains("$.corrections[0].previous").contains("themes");
        assertThat(validate("input-view", withoutLinks)).singleElement().asString()
                .contains("$.corrections[0].previous").contains("links");
        assertThat(validate("input-view", noReason)).singleElement().asString().contains("reason");
    }

    @Test
    void rejectsAConsideringPackageWhoseOutcomeDoesNotFollowItsStatus() {
        ObjectNode considered = correctedInput();
        ObjectNode by = (ObjectNode) considered.at("/consideredBy/0");

        by.put("status", "VOTING");
        assertThat(validate("input-view", considered)).isEmpty();
        by.put("outcome", "APPROVED");
        assertThat(validate("input-view", considered)).singleElement().asString().contains("$.consideredBy[0].outcome");
        by.put("status", "APPROVED");
        assertThat(validate("input-view", considered)).isEmpty();
        by.put("status", "REJECTED");
        assertThat(validate("input-view", considered)).singleElement().asString().contains("$.consideredBy[0].outcome");
        by.putNull("outcome");
        assertThat(validate("input-view", considered)).singleElement().asString().contains("$.consideredBy[0].outcome");
    }

    @Test
    void acceptsADigestWithEveryGroupAndChannelInEnumOrder() {
        assertThat(validate("input-digest", inputDigest())).isEmpty();
    }

    @Test
    void rejectsADigestThatLeavesOutReordersOrAddsAGroupOrAChannel() {
        ObjectNode missing = inputDigest();
        ((ArrayNode) missing.get("byGroup")).remove(6);
        ObjectNode reordered = inputDigest();
        ArrayNode channels = (ArrayNode) reordered.get("byChannel");
        channels.insert(0, channels.remove(1));
        ObjectNode extra = inputDigest();
        ((ArrayNode) extra.get("byChannel")).add(extra.at("/byChannel/5").deepCopy());

        assertThat(validate("input-digest", missing)).singleElement().asString().contains("$.byGroup");
        assertThat(validate("input-digest", reordered))
                .anySatisfy(m -> assertThat(m).contains("$.byChannel[0].channel"));
        assertThat(validate("input-digest", extra)).singleElement().asString().contains("$.byChannel");
    }

    @Test
    void rejectsRespondentsWithoutInputsAndADigestItemNoInputTakesAStanceOn() {
        ObjectNode respondents = inputDigest();
        ((ObjectNode) respondents.at("/byGroup/3")).put("respondents", 12);
        ObjectNode inputs = inputDigest();
        ((ObjectNode) inputs.at("/totals")).put("respondents", 0);
        ObjectNode silent = inputDigest();
        ((ObjectNode) silent.at("/items/1/stances/CONCERN")).put("inputs", 0).put("respondents", 0);
        ObjectNode stance = inputDigest();
        ((ObjectNode) stance.at("/items/0/stances")).remove("IDEA");

        assertThat(validate("input-digest", respondents)).singleElement().asString().contains("$.byGroup[3].respondents");
        assertThat(validate("input-digest", inputs)).singleElement().asString().contains("$.totals.respondents");
        assertThat(validate("input-digest", silent)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("$.items[1].stances"));
        assertThat(validate("input-digest", stance)).singleElement().asString().contains("IDEA");
    }

    @Test
    void acceptsYouSaidWeDidOnlyWithTheDecisionsAndTheirTimes() {
        ObjectNode digest = inputDigest();
        ObjectNode said = ((ArrayNode) digest.get("youSaidWeDid")).addObject().put("inputId", Examples.INPUT_ID)
                .put("summary", "Parents want earlier reading support.").put("group", "PARENTS").put("respondents", 689);
        ObjectNode decision = said.putArray("decisions").addObject().put("tradeoffId", Examples.TRADEOFF_ID)
                .put("title", "Fund early-literacy coaches").put("outcome", "APPROVED")
                .put("decidedAt", "2027-05-06T18:40:00Z");
        assertThat(validate("input-digest", digest)).isEmpty();

        decision.putNull("decidedAt");
        assertThat(validate("input-digest", digest)).singleElement().asString()
                .contains("$.youSaidWeDid[0].decisions[0].decidedAt");
        decision.putNull("outcome");
        assertThat(validate("input-digest", digest)).isEmpty();
        said.putArray("decisions");
        assertThat(validate("input-digest", digest)).singleElement().asString()
                .contains("$.youSaidWeDid[0].decisions");
    }

    // Tradeoff packages: views

    @Test
    void acceptsADraftedAVotingAndAnApprovedPackage() {
        assertThat(validate("tradeoff-view", draftedTradeoff())).isEmpty();
        assertThat(validate("tradeoff-view", votingTradeoff())).isEmpty();
        assertThat(validate("tradeoff-view", approvedTradeoff())).isEmpty();
    }

    @Test
    void rejectsADraftWithRulesVotesOrADecision() {
        ObjectNode rules = draftedTradeoff();
        rules.set("rules", votingTradeoff().get("rules"));
        ObjectNode votes = draftedTradeoff();
        votes.set("votes", approvedTradeoff().get("votes"));
        ObjectNode decision = draftedTradeoff();
        decision.set("decision", approvedTradeoff().get("decision"));

        assertThat(validate("tradeoff-view", rules)).singleElement().asString().contains("$.rules");
        assertThat(validate("tradeoff-view", votes)).singleElement().asString().contains("$.votes");
        assertThat(validate("tradeoff-view", decision)).singleElement().asString().contains("$.decision");
    }

    @Test
    void rejectsAVotingOrDecidedPackageWithoutRulesOrWithTheWrongDecision() {
        assertThat(validate("tradeoff-view", votingTradeoff().putNull("rules")))
                .singleElement().asString().contains("$.rules");
        assertThat(validate("tradeoff-view", approvedTradeoff().put("status", "VOTING")))
                .singleElement().asString().contains("$.decision");
        assertThat(validate("tradeoff-view", approvedTradeoff().put("status", "REJECTED")))
                .singleElement().asString().contains("$.decision.outcome");
        assertThat(validate("tradeoff-view", approvedTradeoff().putNull("decision")))
                .singleElement().asString().contains("$.decision");
        assertThat(validate("tradeoff-view", approvedTradeoff().put("status", "CLOSED")))
                .anySatisfy(m -> assertThat(m).contains("$.status"));
    }

    @Test
    void rejectsAFundingLineThatNamesBothSourcesNeitherOrANumberWithoutAnOpportunity() {
        ObjectNode both = draftedTradeoff();
        ((ObjectNode) both.at("/funding/0")).put("description", "Bus routes");
        ObjectNode neither = draftedTradeoff();
        ((ObjectNode) neither.at("/funding/1")).putNull("description");
        ObjectNode number = draftedTradeoff();
        ((ObjectNode) number.at("/funding/1")).put("number", 4);
        ObjectNode noNumber = draftedTradeoff();
        ((ObjectNode) noNumber.at("/funding/0")).putNull("number");

        assertThat(validate("tradeoff-view", both)).singleElement().asString().contains("$.funding[0].description");
        assertThat(validate("tradeoff-view", neither)).singleElement().asString().contains("$.funding[1].description");
        assertThat(validate("tradeoff-view", number)).singleElement().asString().contains("$.funding[1].number");
        assertThat(validate("tradeoff-view", noNumber)).singleElement().asString().contains("$.funding[0].number");
    }

    @Test
    void rejectsPackageAmountsThatAreZeroWithoutCentsOrNumbers() {
        ObjectNode zero = draftedTradeoff();
        ((ObjectNode) zero.at("/investments/0")).put("amount", "0.00");
        ObjectNode noCents = draftedTradeoff();
        ((ObjectNode) noCents.at("/funding/0")).put("amount", "300000");
        ObjectNode number = draftedTradeoff();
        ((ObjectNode) number.get("totals")).put("balance", 50000);

        assertThat(validate("tradeoff-view", zero)).singleElement().asString().contains("$.investments[0].amount");
        assertThat(validate("tradeoff-view", noCents)).anySatisfy(m -> assertThat(m).contains("$.funding[0].amount"));
        assertThat(validate("tradeoff-view", number)).anySatisfy(m -> assertThat(m).contains("$.totals.balance"));
        assertThat(validate("tradeoff-view", draftedTradeoff().set("totals", parse("""
                {"investments": "400000.00", "funding": "0.00", "balance": "-400000.00"}""")))).isEmpty();
    }

    @Test
    void rejectsAVoteChangedToTheVoteItAlreadyWas() {
        ObjectNode view = approvedTradeoff();
        ((ObjectNode) view.at("/votes/1/changes/0")).put("from", "APPROVE");

        assertThat(validate("tradeoff-view", view)).singleElement().asString().contains("$.votes[1].changes[0]");
    }

    @Test
    void rejectsAClosingWithoutItsRationaleAndAVoteDecisionWithOne() {
        ObjectNode closed = approvedTradeoff();
        ObjectNode decision = (ObjectNode) closed.get("decision");
        decision.put("closedBy", "board-chair").put("rationale", "The board meets on Thursday.");
        assertThat(validate("tradeoff-view", closed)).isEmpty();

        decision.putNull("rationale");
        assertThat(validate("tradeoff-view", closed)).anySatisfy(m -> assertThat(m).contains("$.decision.rationale"));
        decision.putNull("closedBy").put("rationale", "Decided by the votes.");
        assertThat(validate("tradeoff-view", closed)).anySatisfy(m -> assertThat(m).contains("$.decision.rationale"));
    }

    @Test
    void rejectsVersionsThatDoNotStartWithTheDraftOrDoNotMatchTheContentVersion() {
        ObjectNode revised = draftedTradeoff().put("contentVersion", 2).put("narrative", "Now with gym rentals.");
        ((ArrayNode) revised.get("versions")).add(((ObjectNode) revised.at("/versions/0").deepCopy())
                .put("contentVersion", 2).put("narrative", "Now with gym rentals."));
        assertThat(validate("tradeoff-view", revised)).isEmpty();

        assertThat(validate("tradeoff-view", draftedTradeoff().put("contentVersion", 2)))
                .singleElement().asString().contains("$.versions");
        ((ObjectNode) revised.at("/versions/0")).put("contentVersion", 3);
        assertThat(validate("tradeoff-view", revised)).singleElement().asString()
                .contains("$.versions[0].contentVersion");
        assertThat(validate("tradeoff-view", draftedTradeoff().putArray("versions")))
                .isNotEmpty();
    }

    @Test
    void acceptsABalanceWithEveryFocusAreaAndRejectsOneWithoutOrWithAZeroGap() {
        assertThat(validate("balance", balance())).isEmpty();

        ObjectNode missing = balance();
        ((ArrayNode) missing.get("byFocusArea")).remove(0);
        ObjectNode noGap = balance();
        ((ObjectNode) noGap.at("/unfundedPriorities/0")).put("invested", "1250000.00").put("gap", "0.00");
        ObjectNode over = balance();
        ((ArrayNode) over.get("overCommitted")).addObject().put("opportunityId", Examples.OPPORTUNITY_ID)
                .put("number", 1).put("high", "250000.00").put("committed", "300000.00").put("excess", 50000);

        assertThat(validate("balance", missing)).isNotEmpty().allSatisfy(m -> assertThat(m).contains("$.byFocusArea"));
        assertThat(validate("balance", noGap)).singleElement().asString().contains("$.unfundedPriorities[0].gap");
        assertThat(validate("balance", over)).anySatisfy(m -> assertThat(m).contains("$.overCommitted[0].excess"));
        ((ObjectNode) over.at("/overCommitted/0")).put("excess", "50000.00");
        assertThat(validate("balance", over)).isEmpty();
        assertThat(validate("balance", balance().put("balance", "-100000")))
                .anySatisfy(m -> assertThat(m).contains("$.balance"));
    }

    // Savings opportunities: what approved packages committed

    @Test
    void requiresTheCommittedFundingOnOpportunitiesAndInThePipelineTotals() {
        ObjectNode totals = savingsPipeline();
        ((ObjectNode) totals.get("totals")).remove("committed");

        assertThat(validate("opportunity-summary", listedOpportunitySummary().without("committed")))
                .singleElement().asString().contains("committed");
        assertThat(validate("opportunity-detail", analysedOpportunity().without("committed")))
                .singleElement().asString().contains("committed");
        assertThat(validate("savings-pipeline", totals)).singleElement().asString().contains("committed");
        assertThat(validate("opportunity-summary", analysedOpportunitySummary().put("committed", "300000.00")))
                .isEmpty();
        assertThat(validate("opportunity-summary", analysedOpportunitySummary().put("committed", "-1.00")))
                .singleElement().asString().contains("$.committed");
        assertThat(validate("opportunity-detail", analysedOpportunity().put("committed", 300000)))
                .singleElement().asString().contains("$.committed");
    }

    @Test
    void acceptsEveryInputAndTradeoffEventOnTheTimelineOnlyAsItsOwnItem() {
        for (String type : List.of("StakeholderInputRecorded", "StakeholderInputCorrected", "StakeholderInputTagged")) {
            ObjectNode entry = timelineEntry().put("type", type).put("itemKind", "INPUT")
                    .put("itemId", Examples.INPUT_ID).put("summary", "designer recorded survey input from 689 parents");
            assertThat(validate("timeline-entry", entry)).as(type).isEmpty();
            assertThat(validate("timeline-entry", entry.put("itemKind", "TRADEOFF"))).as(type)
                    .singleElement().asString().contains("$.itemKind");
        }
        for (String type : List.of("TradeoffDrafted", "TradeoffRevised", "TradeoffSubmitted", "VotingRulesChanged",
                "VoteCast", "VoteChanged", "TradeoffDecided", "TradeoffClosed")) {
            ObjectNode entry = timelineEntry().put("type", type).put("itemKind", "TRADEOFF")
                    .put("itemId", Examples.TRADEOFF_ID)
                    .put("summary", "\"Fund early-literacy coaches\" was APPROVED 3-0 (1 abstained)");
            assertThat(validate("timeline-entry", entry)).as(type).isEmpty();
            assertThat(validate("timeline-entry", entry.put("itemKind", "INPUT"))).as(type)
                    .singleElement().asString().contains("$.itemKind");
        }
        ObjectNode committed = timelineEntry().put("type", "FundingCommitted").put("itemKind", "OPPORTUNITY")
                .put("itemId", OPPORTUNITY_ID);
        assertThat(validate("timeline-entry", committed)).isEmpty();
        assertThat(validate("timeline-entry", committed.put("itemKind", "TRADEOFF")))
                .singleElement().asString().contains("$.itemKind");
        assertThat(validate("timeline-entry", timelineEntry().put("itemKind", "INPUT")))
                .singleElement().asString().contains("$.itemKind");
    }

    @Test
    void rejectsAMemberWithAnUnknownRole() {
        String district = """
                {"id": "%s", "name": "Riverside Unified", "enrollment": 41000, "version": 2,
                 "members": [{"username": "steering", "roles": ["STEERING_COMMITTEE", "PRINCIPAL"]}]}
                """.formatted(Examples.DISTRICT_ID);

        assertThat(contract.validate("district-view", district)).singleElement().asString().contains("roles");
    }

    @Test
    void reportsTextThatIsNotJsonInsteadOfThrowing() {
        assertThat(contract.validate("priority-view", "<html>oops</html>"))
                .singleElement().asString().startsWith("not JSON");
        assertThat(contract.validate("priority-view", "")).singleElement().asString().contains("no body");
        assertThat(contract.validate("write-receipt", "{} {}")).singleElement().asString().startsWith("not JSON");
        assertThat(contract.validate("write-receipt", """
                {"id": "%s", "version": 1, "version": 2, "position": 3}""".formatted(Examples.DISTRICT_ID)))
                .singleElement().asString().contains("Duplicate field");
    }

    @Test
    void reportsAnUnknownSchemaNameInsteadOfThrowing() {
        assertThat(contract.validate("no-such-view", "{}")).singleElement().asString().contains("no-such-view");
    }
}
