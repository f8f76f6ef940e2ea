package org.tradeoffs.command.priority;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.ConflictingState;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.StaleVersion;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.priority.PriorityWithdrawn;

import java.math.BigDecimal;
import java.util.Set;

import static org.tradeoffs.command.priority.DecidePriority.Outcome.APPROVED;
import static org.tradeoffs.command.priority.DecidePriority.Outcome.REJECTED;

class PriorityTest {

    private static final String PRIORITY = "p-1";
    private static final String CYCLE = "c-1";
    private static final String DISTRICT = "d-1";
    private static final Actor DESIGNER = new Actor("designer", false, Set.of(Role.DESIGN_TEAM));
    private static final Actor STEERING = new Actor("steering", false, Set.of(Role.STEERING_COMMITTEE));
    private static final Actor ANALYST = new Actor("analyst", false, Set.of(Role.ROI_ANALYST));
    private static final Actor AUDITOR = new Actor("auditor", false, Set.of(Role.AUDITOR));
    private static final PriorityDetails COACHES = new PriorityDetails("K-5 early literacy coaches",
            "12 FTE coaches in 32 schools", "Coaching raises K-5 reading proficiency", Fundability.ACTION,
            CostSplit.allUnallocated(new BigDecimal("1250000.00")), "LCAP Goal 1");
    private static final PriorityDetails MORE_COACHES = new PriorityDetails("K-5 early literacy coaches",
            "14 FTE coaches in 32 schools", "Coaching raises K-5 reading proficiency", Fundability.ACTION,
            new CostSplit(new BigDecimal("1200000.00"), new BigDecimal("210000.00"), new BigDecimal("48333.33"),
                    new BigDecimal("0.00")), "LCAP Goal 1");

    private AggregateTestFixture<Priority> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Priority.class);
    }

    private static PriorityProposed proposed() {
        return new PriorityProposed(PRIORITY, CYCLE, DISTRICT, COACHES, "designer");
    }

    private static PriorityApproved approved() {
        return new PriorityApproved(PRIORITY, CYCLE, DISTRICT, "Fits the LCAP", "steering");
    }

    @Test
    void designTeamCanProposeAPriority() {
        fixture.givenNoPriorActivity()
                .when(new ProposePriority(PRIORITY, CYCLE, DISTRICT, COACHES, DESIGNER))
                .expectEvents(proposed());
    }

    @Test
    void steeringCommitteeCanProposeAPriority() {
        fixture.givenNoPriorActivity()
                .when(new ProposePriority(PRIORITY, CYCLE, DISTRICT, COACHES, STEERING))
                .expectEvents(new PriorityProposed(PRIORITY, CYCLE, DISTRICT, COACHES, "steering"));
    }

    @Test
    void roiAnalystCannotProposeAPriority() {
        fixture.givenNoPriorActivity()
                .when(new ProposePriority(PRIORITY, CYCLE, DISTRICT, COACHES, ANALYST))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void auditorCannotProposeAPriority() {
        fixture.givenNoPriorActivity()
                .when(new ProposePriority(PRIORITY, CYCLE, DISTRICT, COACHES, AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void canReviseAnUndecidedPriorityAtItsCurrentVersion() {
        fixture.given(proposed())
                .when(new RevisePriority(PRIORITY, CYCLE, MORE_COACHES, 1L, DESIGNER))
                .expectEvents(new PriorityRevised(PRIORITY, CYCLE, DISTRICT, MORE_COACHES, "designer"));
    }

    @Test
    void cannotReviseWithAStaleVersion() {
        fixture.given(proposed(), new PriorityRevised(PRIORITY, CYCLE, DISTRICT, MORE_COACHES, "steering"))
                .when(new RevisePriority(PRIORITY, CYCLE, COACHES, 1L, DESIGNER))
                .expectException(StaleVersion.class)
                .expectNoEvents();
    }

    @Test
    void auditorCannotReviseAPriority() {
        fixture.given(proposed())
                .when(new RevisePriority(PRIORITY, CYCLE, MORE_COACHES, 1L, AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void cannotReviseADecidedPriority() {
        fixture.given(proposed(), approved())
                .when(new RevisePriority(PRIORITY, CYCLE, MORE_COACHES, 2L, DESIGNER))
                .expectException(ConflictingState.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("APPROVED"))
                .expectNoEvents();
    }

    @Test
    void cannotReviseAWithdrawnPriority() {
        fixture.given(proposed(), new PriorityWithdrawn(PRIORITY, CYCLE, DISTRICT, "Merged", "designer"))
                .when(new RevisePriority(PRIORITY, CYCLE, MORE_COACHES, 2L, DESIGNER))
                .expectException(ConflictingState.class)
                .expectNoEvents();
    }

    @Test
    void cannotChangeAPriorityThroughAnotherCycle() {
        fixture.given(proposed())
                .when(new RevisePriority(PRIORITY, "other-cycle", MORE_COACHES, 1L, DESIGNER))
                .expectException(UnknownItem.class)
                .expectNoEvents();
    }

    @Test
    void designTeamCanWithdrawAnUndecidedPriority() {
        fixture.given(proposed())
                .when(new WithdrawPriority(PRIORITY, CYCLE, "Merged into coaching priority", null, DESIGNER))
                .expectEvents(new PriorityWithdrawn(PRIORITY, CYCLE, DISTRICT, "Merged into coaching priority",
                        "designer"));
    }

    @Test
    void cannotWithdrawADecidedPriority() {
        fixture.given(proposed(), new PriorityRejected(PRIORITY, CYCLE, DISTRICT, "Not fundable", "steering"))
                .when(new WithdrawPriority(PRIORITY, CYCLE, "Too late", null, DESIGNER))
                .expectException(ConflictingState.class)
                .expectNoEvents();
    }

    @Test
    void steeringCommitteeCanApproveAPriority() {
        fixture.given(proposed())
                .when(new DecidePriority(PRIORITY, CYCLE, APPROVED, "Fits the LCAP", null, STEERING))
                .expectEvents(approved());
    }

    @Test
    void steeringCommitteeCanRejectAPriority() {
        fixture.given(proposed())
                .when(new DecidePriority(PRIORITY, CYCLE, REJECTED, "Not fundable this year", null, STEERING))
                .expectEvents(new PriorityRejected(PRIORITY, CYCLE, DISTRICT, "Not fundable this year", "steering"));
    }

    @Test
    void designTeamCannotDecideAPriority() {
        fixture.given(proposed())
                .when(new DecidePriority(PRIORITY, CYCLE, APPROVED, "We like it", null, DESIGNER))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void cannotDecideAPriorityTwice() {
        fixture.given(proposed(), approved())
                .when(new DecidePriority(PRIORITY, CYCLE, REJECTED, "Changed our minds", null, STEERING))
                .expectException(ConflictingState.class)
                .expectNoEvents();
    }

    @Test
    void cannotDecideAWithdrawnPriority() {
        fixture.given(proposed(), new PriorityWithdrawn(PRIORITY, CYCLE, DISTRICT, "Merged", "designer"))
                .when(new DecidePriority(PRIORITY, CYCLE, APPROVED, "Approve anyway", null, STEERING))
                .expectException(ConflictingState.class)
                .expectNoEvents();
    }

    @Test
    void steeringCommitteeCanReopenADecidedPriority() {
        fixture.given(proposed(), approved())
                .when(new ReopenPriority(PRIORITY, CYCLE, "Budget shortfall", 2L, STEERING))
                .expectEvents(new PriorityReopened(PRIORITY, CYCLE, DISTRICT, "Budget shortfall", "steering"));
    }

    @Test
    void designTeamCannotReopenADecidedPriority() {
        fixture.given(proposed(), approved())
                .when(new ReopenPriority(PRIORITY, CYCLE, "Please", null, DESIGNER))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void cannotReopenAnUndecidedPriority() {
        fixture.given(proposed())
                .when(new ReopenPriority(PRIORITY, CYCLE, "Why not", null, STEERING))
                .expectException(ConflictingState.class)
                .expectNoEvents();
    }

    @Test
    void aReopenedPriorityCanBeRevisedAgain() {
        fixture.given(proposed(), approved(),
                        new PriorityReopened(PRIORITY, CYCLE, DISTRICT, "Budget shortfall", "steering"))
                .when(new RevisePriority(PRIORITY, CYCLE, MORE_COACHES, 3L, DESIGNER))
                .expectEvents(new PriorityRevised(PRIORITY, CYCLE, DISTRICT, MORE_COACHES, "designer"));
    }
}
