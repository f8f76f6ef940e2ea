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
import static org.tradeoffs.contract.Examples.capture;
import static org.tradeoffs.contract.Examples.listedOpportunity;
import static org.tradeoffs.contract.Examples.listedOpportunitySummary;
import static org.tradeoffs.contract.Examples.milestone;
import static org.tradeoffs.contract.Examples.parse;
import static org.tradeoffs.contract.Examples.priorityRequest;
import static org.tradeoffs.contract.Examples.problem;
import static org.tradeoffs.contract.Examples.proposedPriority;
import static org.tradeoffs.contract.Examples.savingsPipeline;
import static org.tradeoffs.contract.Examples.sizing;
import static org.tradeoffs.contract.Examples.sizingRequest;
import static org.tradeoffs.contract.Examples.timelineEntry;

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
                "unknown-cost-driver", "owner-not-a-member", "duplicate")) {
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
