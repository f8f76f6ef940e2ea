package org.tradeoffs.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.contract.Examples.approvedPriority;
import static org.tradeoffs.contract.Examples.frame;
import static org.tradeoffs.contract.Examples.proposedPriority;
import static org.tradeoffs.contract.Examples.timelineEntry;

class FrameValidationTest {

    private static final String PRIORITIES = "/topic/cycles/{cycleId}/priorities";
    private static final String TIMELINE = "/topic/cycles/{cycleId}/timeline";

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
    void rejectsAChannelTheContractDoesNotHave() {
        assertThat(contract.validateFrame("/topic/districts/{districtId}", "{}"))
                .singleElement().asString().contains("no channel");
    }
}
