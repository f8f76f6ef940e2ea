package org.tradeoffs.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.contract.Examples.analysedOpportunity;
import static org.tradeoffs.contract.Examples.approvedPriority;
import static org.tradeoffs.contract.Examples.capture;
import static org.tradeoffs.contract.Examples.frame;
import static org.tradeoffs.contract.Examples.listedOpportunity;
import static org.tradeoffs.contract.Examples.milestone;
import static org.tradeoffs.contract.Examples.proposedPriority;
import static org.tradeoffs.contract.Examples.savingsFrame;
import static org.tradeoffs.contract.Examples.savingsPipeline;
import static org.tradeoffs.contract.Examples.timelineEntry;

class FrameValidationTest {

    private static final String PRIORITIES = "/topic/cycles/{cycleId}/priorities";
    private static final String TIMELINE = "/topic/cycles/{cycleId}/timeline";
    private static final String SAVINGS = "/topic/cycles/{cycleId}/savings";

    private final Contract contract = Contract.load();

    @Test
    void acceptsAPriorityFrameCarryingThePriorityView() {
        assertThat(contract.validateFrame(PRIORITIES, frame("PriorityProposed", proposedPriority()).toString()))
                .isEmpty();
    }

    @Test
    void acceptsATimelineFrameCarryingTheTimelineEntry() {
        assertThat(contract.validateFrame(TIMELINE, frame("PriorityProposed", timelineEntry()).toString()))
                .isEmpty();
    }

    @Test
    void rejectsATimelineEntryPushedOnThePrioritiesTopic() {
        assertThat(contract.validateFrame(PRIORITIES, frame("PriorityProposed", timelineEntry()).toString()))
                .isNotEmpty();
    }

    @Test
    void rejectsAPriorityFrameWhoseViewEmitsTheAmountAsANumber() {
        String frame = frame("PriorityProposed", proposedPriority().put("estimatedAnnualCost", 1250000)).toString();

        assertThat(contract.validateFrame(PRIORITIES, frame))
                .singleElement().asString().contains("$.view.estimatedAnnualCost");
    }

    @Test
    void rejectsAnApprovalFrameWhoseViewIsStillProposed() {
        assertThat(contract.validateFrame(PRIORITIES, frame("PriorityApproved", approvedPriority()).toString()))
                .isEmpty();
        assertThat(contract.validateFrame(PRIORITIES, frame("PriorityApproved", proposedPriority()).toString()))
                .isNotEmpty();
    }

    @Test
    void rejectsACycleEventTypeOnThePrioritiesTopic() {
        assertThat(contract.validateFrame(PRIORITIES, frame("PlanningCycleOpened", proposedPriority()).toString()))
                .singleElement().asString().contains("$.type");
    }

    @Test
    void rejectsAFrameWithAnUnnamedProperty() {
        String frame = frame("PriorityProposed", timelineEntry()).put("districtId", Examples.DISTRICT_ID).toString();

        assertThat(contract.validateFrame(TIMELINE, frame)).singleElement().asString().contains("districtId");
    }

    @Test
    void acceptsASavingsFrameCarryingTheOpportunityAndThePipeline() {
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("OpportunitySized", analysedOpportunity(), savingsPipeline()).toString())).isEmpty();
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("OpportunityListed", listedOpportunity(), savingsPipeline()).toString())).isEmpty();
    }

    @Test
    void rejectsASavingsFrameWithoutThePipelineOrWithTheOpportunityAsItsView() {
        ObjectNode withoutPipeline = savingsFrame("OpportunitySized", analysedOpportunity(), savingsPipeline());
        ((ObjectNode) withoutPipeline.get("view")).remove("pipeline");
        ObjectNode flat = frame("OpportunitySized", analysedOpportunity());

        assertThat(contract.validateFrame(SAVINGS, withoutPipeline.toString()))
                .singleElement().asString().contains("pipeline");
        assertThat(contract.validateFrame(SAVINGS, flat.toString())).isNotEmpty();
    }

    @Test
    void rejectsAPriorityEventOnTheSavingsTopicAndAnOpportunityEventOnThePrioritiesTopic() {
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("PriorityProposed", analysedOpportunity(), savingsPipeline()).toString()))
                .singleElement().asString().contains("$.type");
        assertThat(contract.validateFrame(PRIORITIES, frame("OpportunitySized", proposedPriority()).toString()))
                .anySatisfy(m -> assertThat(m).contains("$.type"));
    }

    @Test
    void rejectsAListedFrameWhoseOpportunityIsNotNewAndUnscreened() {
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("OpportunityListed", analysedOpportunity(), savingsPipeline()).toString()))
                .anySatisfy(m -> assertThat(m).contains("$.view.opportunity.status"))
                .anySatisfy(m -> assertThat(m).contains("$.view.opportunity.version"));
    }

    @Test
    void rejectsAScreenedFrameWhoseOpportunityIsStillNotScreened() {
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("OpportunityScreened", listedOpportunity(), savingsPipeline()).toString()))
                .singleElement().asString().contains("$.view.opportunity.status");
    }

    @Test
    void rejectsAnAnalysisStepFrameForAnOpportunityThatIsNotInAnalysis() {
        ObjectNode screenedOut = analysedOpportunity().put("status", "SCREENED_OUT");

        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("BudgetLineAdded", analysedOpportunity(), savingsPipeline()).toString())).isEmpty();
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("BudgetLineAdded", screenedOut, savingsPipeline()).toString()))
                .singleElement().asString().contains("$.view.opportunity.status");
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("OpportunityScreened", screenedOut, savingsPipeline()).toString())).isEmpty();
    }

    @Test
    void rejectsAFrameWhoseOpportunityDoesNotShowWhatTheEventDid() {
        ObjectNode unsized = analysedOpportunity().putNull("currentSizing").putNull("low").putNull("high")
                .putNull("ease");
        unsized.putArray("sizingHistory");

        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("OpportunitySized", unsized, savingsPipeline()).toString()))
                .singleElement().asString().contains("$.view.opportunity.currentSizing");
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("SavingsCaptured", analysedOpportunity(), savingsPipeline()).toString()))
                .singleElement().asString().contains("$.view.opportunity.captures");
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("OwnerAssigned", analysedOpportunity().putNull("owner"), savingsPipeline()).toString()))
                .singleElement().asString().contains("$.view.opportunity.owner");
    }

    @Test
    void acceptsFollowUpFramesOnlyWhenTheOpportunityShowsTheFollowUp() {
        ObjectNode opportunity = analysedOpportunity();
        opportunity.putArray("milestones").add(milestone());
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("MilestoneOverdue", opportunity, savingsPipeline()).toString()))
                .singleElement().asString().contains("$.view.opportunity.milestones");
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("RenegotiationWindowOpened", opportunity, savingsPipeline()).toString()))
                .singleElement().asString().contains("$.view.opportunity.constraints");

        ((ObjectNode) opportunity.at("/milestones/0")).put("overdue", true);
        ((ObjectNode) opportunity.at("/constraints/0")).put("windowOpened", true)
                .put("windowOpenedAt", "2027-07-01T07:00:05Z");
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("MilestoneOverdue", opportunity, savingsPipeline()).toString())).isEmpty();
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("RenegotiationWindowOpened", opportunity, savingsPipeline()).toString())).isEmpty();
    }

    @Test
    void rejectsASavingsFrameWhosePipelineEmitsACapturedTotalAsANumber() {
        ObjectNode opportunity = analysedOpportunity().put("capturedToDate", "95000.00");
        opportunity.putArray("captures").add(capture());
        ObjectNode pipeline = savingsPipeline();
        ((ObjectNode) pipeline.get("totals")).put("captured", 95000);

        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("SavingsCaptured", opportunity, pipeline).toString()))
                .singleElement().asString().contains("$.view.pipeline.totals.captured");
    }

    @Test
    void acceptsAnOpportunityEventOnTheTimelineTopic() {
        ObjectNode entry = timelineEntry().put("type", "OpportunitySized").put("itemKind", "OPPORTUNITY")
                .put("itemId", Examples.OPPORTUNITY_ID)
                .put("summary", "analyst sized #1 general education transportation at $380,000.00–$760,000.00/yr");

        assertThat(contract.validateFrame(TIMELINE, frame("OpportunitySized", entry).toString())).isEmpty();
        assertThat(contract.validateFrame(TIMELINE, frame("OpportunitySized", entry.put("itemKind", "CYCLE"))
                .toString())).singleElement().asString().contains("$.view.itemKind");
    }

    @Test
    void rejectsAChannelTheContractDoesNotHave() {
        assertThat(contract.validateFrame("/topic/districts/{districtId}", "{}"))
                .singleElement().asString().contains("no channel");
    }
}
