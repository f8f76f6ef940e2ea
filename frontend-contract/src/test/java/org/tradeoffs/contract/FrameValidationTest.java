package org.tradeoffs.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.contract.Examples.JSON;
import static org.tradeoffs.contract.Examples.analysedOpportunity;
import static org.tradeoffs.contract.Examples.approvedPriority;
import static org.tradeoffs.contract.Examples.approvedTradeoff;
import static org.tradeoffs.contract.Examples.balance;
import static org.tradeoffs.contract.Examples.capture;
import static org.tradeoffs.contract.Examples.correctedInput;
import static org.tradeoffs.contract.Examples.draftedTradeoff;
import static org.tradeoffs.contract.Examples.frame;
import static org.tradeoffs.contract.Examples.inputDigest;
import static org.tradeoffs.contract.Examples.inputsFrame;
import static org.tradeoffs.contract.Examples.listedOpportunity;
import static org.tradeoffs.contract.Examples.milestone;
import static org.tradeoffs.contract.Examples.proposedPriority;
import static org.tradeoffs.contract.Examples.recordedInput;
import static org.tradeoffs.contract.Examples.savingsFrame;
import static org.tradeoffs.contract.Examples.savingsPipeline;
import static org.tradeoffs.contract.Examples.timelineEntry;
import static org.tradeoffs.contract.Examples.tradeoffsFrame;
import static org.tradeoffs.contract.Examples.votingTradeoff;

class FrameValidationTest {

    private static final String PRIORITIES = "/topic/cycles/{cycleId}/priorities";
    private static final String TIMELINE = "/topic/cycles/{cycleId}/timeline";
    private static final String SAVINGS = "/topic/cycles/{cycleId}/savings";
    private static final String TRADEOFFS = "/topic/cycles/{cycleId}/tradeoffs";
    private static final String INPUTS = "/topic/cycles/{cycleId}/inputs";

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
    void acceptsATradeoffsFrameForEveryStepOfAPackage() {
        ObjectNode revised = draftedTradeoff().put("contentVersion", 2).put("version", 2);
        ((ArrayNode) revised.get("versions")).add(((ObjectNode) revised.at("/versions/0").deepCopy())
                .put("contentVersion", 2));
        ObjectNode voted = votingTradeoff().put("version", 3);
        voted.set("votes", JSON.createArrayNode().add(approvedTradeoff().at("/votes/0")));
        ObjectNode changed = votingTradeoff().put("version", 5);
        changed.set("votes", JSON.createArrayNode().add(approvedTradeoff().at("/votes/1")));
        ObjectNode closed = approvedTradeoff();
        ((ObjectNode) closed.get("decision")).put("closedBy", "board-chair").put("rationale", "Clear enough.");

        assertThat(List.of(
                tradeoffsFrame("TradeoffDrafted", draftedTradeoff(), balance()),
                tradeoffsFrame("TradeoffRevised", revised, balance()),
                tradeoffsFrame("TradeoffSubmitted", votingTradeoff(), balance()),
                tradeoffsFrame("VotingRulesChanged", votingTradeoff(), balance()),
                tradeoffsFrame("VoteCast", voted, balance()),
                tradeoffsFrame("VoteChanged", changed, balance()),
                tradeoffsFrame("TradeoffDecided", approvedTradeoff(), balance()),
                tradeoffsFrame("TradeoffClosed", closed, balance()),
                tradeoffsFrame("FundingCommitted", approvedTradeoff(), balance())))
                .allSatisfy(frame -> assertThat(contract.validateFrame(TRADEOFFS, frame.toString()))
                        .as(frame.path("type").asText()).isEmpty());
    }

    @Test
    void rejectsATradeoffsFrameWhosePackageDoesNotShowWhatTheEventDid() {
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("TradeoffDrafted", votingTradeoff(), balance()).toString()))
                .anySatisfy(m -> assertThat(m).contains("$.view.tradeoff.status"));
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("TradeoffRevised", draftedTradeoff(), balance()).toString()))
                .singleElement().asString().contains("$.view.tradeoff.contentVersion");
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("VoteCast", votingTradeoff(), balance()).toString()))
                .singleElement().asString().contains("$.view.tradeoff.votes");
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("VoteChanged", approvedTradeoff(), balance()).toString()))
                .singleElement().asString().contains("$.view.tradeoff.status");
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("VotingRulesChanged", approvedTradeoff().put("status", "VOTING").putNull("decision"),
                        balance()).toString()))
                .singleElement().asString().contains("$.view.tradeoff.votes");
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("TradeoffDecided", votingTradeoff(), balance()).toString()))
                .anySatisfy(m -> assertThat(m).contains("$.view.tradeoff.status"));
    }

    @Test
    void tellsADecisionByTheVotesFromAClosing() {
        ObjectNode closed = approvedTradeoff();
        ((ObjectNode) closed.get("decision")).put("closedBy", "board-chair").put("rationale", "Clear enough.");

        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("TradeoffClosed", approvedTradeoff(), balance()).toString()))
                .singleElement().asString().contains("$.view.tradeoff.decision.closedBy");
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("TradeoffDecided", closed, balance()).toString()))
                .singleElement().asString().contains("$.view.tradeoff.decision.closedBy");
    }

    @Test
    void rejectsAFundingCommitmentOfAPackageThatIsNotApprovedOrThatTheBalanceDoesNotCount() {
        ObjectNode rejected = approvedTradeoff().put("status", "REJECTED");
        ((ObjectNode) rejected.get("decision")).put("outcome", "REJECTED");
        ObjectNode otherRevenueOnly = approvedTradeoff();
        ((ArrayNode) otherRevenueOnly.get("funding")).remove(0);
        ObjectNode nothingCommitted = balance().put("committedFunding", "0.00");

        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("FundingCommitted", rejected, balance()).toString()))
                .singleElement().asString().contains("$.view.tradeoff.status");
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("FundingCommitted", otherRevenueOnly, balance()).toString()))
                .singleElement().asString().contains("$.view.tradeoff.funding");
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("FundingCommitted", approvedTradeoff(), nothingCommitted).toString()))
                .singleElement().asString().contains("$.view.balance.committedFunding");
    }

    @Test
    void rejectsATradeoffsFrameWithoutItsBalanceOrWithAnEventOfAnotherAggregate() {
        ObjectNode withoutBalance = tradeoffsFrame("TradeoffDrafted", draftedTradeoff(), balance());
        ((ObjectNode) withoutBalance.get("view")).remove("balance");

        assertThat(contract.validateFrame(TRADEOFFS, withoutBalance.toString()))
                .singleElement().asString().contains("balance");
        assertThat(contract.validateFrame(TRADEOFFS,
                tradeoffsFrame("OpportunitySized", draftedTradeoff(), balance()).toString()))
                .anySatisfy(m -> assertThat(m).contains("$.type"));
        assertThat(contract.validateFrame(TRADEOFFS,
                frame("TradeoffDrafted", draftedTradeoff()).toString())).isNotEmpty();
    }

    @Test
    void acceptsAnInputsFrameWithItsInputForAnInputEventAndWithoutForATradeoffEvent() {
        ObjectNode tagged = recordedInput().put("version", 2);

        assertThat(List.of(
                inputsFrame("StakeholderInputRecorded", recordedInput(), inputDigest()),
                inputsFrame("StakeholderInputCorrected", correctedInput(), inputDigest()),
                inputsFrame("StakeholderInputTagged", tagged, inputDigest()),
                inputsFrame("TradeoffDrafted", null, inputDigest()),
                inputsFrame("TradeoffRevised", null, inputDigest()),
                inputsFrame("TradeoffDecided", null, inputDigest()),
                inputsFrame("TradeoffClosed", null, inputDigest())))
                .allSatisfy(frame -> assertThat(contract.validateFrame(INPUTS, frame.toString()))
                        .as(frame.path("type").asText()).isEmpty());
    }

    @Test
    void rejectsAnInputsFrameWhoseInputDoesNotGoWithTheEvent() {
        assertThat(contract.validateFrame(INPUTS,
                inputsFrame("StakeholderInputRecorded", null, inputDigest()).toString()))
                .anySatisfy(m -> assertThat(m).contains("$.view.input"));
        assertThat(contract.validateFrame(INPUTS,
                inputsFrame("TradeoffDecided", correctedInput(), inputDigest()).toString()))
                .anySatisfy(m -> assertThat(m).contains("$.view.input"));
        assertThat(contract.validateFrame(INPUTS,
                inputsFrame("StakeholderInputCorrected", recordedInput(), inputDigest()).toString()))
                .singleElement().asString().contains("$.view.input.corrections");
        assertThat(contract.validateFrame(INPUTS,
                inputsFrame("StakeholderInputRecorded", correctedInput(), inputDigest()).toString()))
                .anySatisfy(m -> assertThat(m).contains("$.view.input.version"))
                .anySatisfy(m -> assertThat(m).contains("$.view.input.corrections"));
        assertThat(contract.validateFrame(INPUTS,
                inputsFrame("StakeholderInputTagged", recordedInput().putArray("themes"), inputDigest()).toString()))
                .isNotEmpty();
    }

    @Test
    void rejectsATradeoffEventThatDoesNotChangeWhatConsidersTheInputsOnTheInputsTopic() {
        for (String type : List.of("TradeoffSubmitted", "VotingRulesChanged", "VoteCast", "VoteChanged",
                "FundingCommitted")) {
            assertThat(contract.validateFrame(INPUTS, inputsFrame(type, null, inputDigest()).toString())).as(type)
                    .anySatisfy(m -> assertThat(m).contains("$.type"));
        }
        ObjectNode withoutDigest = inputsFrame("StakeholderInputRecorded", recordedInput(), inputDigest());
        ((ObjectNode) withoutDigest.get("view")).remove("digest");
        assertThat(contract.validateFrame(INPUTS, withoutDigest.toString())).singleElement().asString()
                .contains("digest");
    }

    @Test
    void acceptsAFundingCommitmentOnTheSavingsTopicOnlyWhenTheOpportunityAndThePipelineShowIt() {
        ObjectNode committed = analysedOpportunity().put("committed", "300000.00");
        ObjectNode pipeline = savingsPipeline();
        ((ObjectNode) pipeline.get("totals")).put("committed", "300000.00");

        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("FundingCommitted", committed, pipeline).toString())).isEmpty();
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("FundingCommitted", analysedOpportunity(), pipeline).toString()))
                .singleElement().asString().contains("$.view.opportunity.committed");
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("FundingCommitted", committed, savingsPipeline()).toString()))
                .singleElement().asString().contains("$.view.pipeline.totals.committed");
        assertThat(contract.validateFrame(SAVINGS,
                savingsFrame("FundingCommitted", listedOpportunity().put("committed", "300000.00"), pipeline)
                        .toString())).singleElement().asString().contains("$.view.opportunity.currentSizing");
    }

    @Test
    void acceptsInputAndTradeoffEventsOnTheTimelineTopic() {
        ObjectNode vote = timelineEntry().put("type", "VoteCast").put("itemKind", "TRADEOFF")
                .put("itemId", Examples.TRADEOFF_ID).put("actor", "steering")
                .put("summary", "steering voted APPROVE on \"Fund early-literacy coaches\"");
        ObjectNode input = timelineEntry().put("type", "StakeholderInputRecorded").put("itemKind", "INPUT")
                .put("itemId", Examples.INPUT_ID).put("summary", "designer recorded survey input from 689 parents");

        assertThat(contract.validateFrame(TIMELINE, frame("VoteCast", vote).toString())).isEmpty();
        assertThat(contract.validateFrame(TIMELINE, frame("StakeholderInputRecorded", input).toString())).isEmpty();
        assertThat(contract.validateFrame(TIMELINE, frame("VoteCast", vote.put("itemKind", "PRIORITY")).toString()))
                .singleElement().asString().contains("$.view.itemKind");
    }

    @Test
    void rejectsAChannelTheContractDoesNotHave() {
        assertThat(contract.validateFrame("/topic/districts/{districtId}", "{}"))
                .singleElement().asString().contains("no channel");
    }
}
