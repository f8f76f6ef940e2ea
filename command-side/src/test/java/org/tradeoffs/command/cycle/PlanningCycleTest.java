package org.tradeoffs.command.cycle;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.Role;

import java.util.Set;

class PlanningCycleTest {

    private final AggregateTestFixture<PlanningCycle> fixture = new AggregateTestFixture<>(PlanningCycle.class);

    @Test
    void steeringCommitteeCanOpenAPlanningCycle() {
        fixture.givenNoPriorActivity()
                .when(new OpenPlanningCycle("c-1", "d-1", "SY 2027-28",
                        new Actor("steering", false, Set.of(Role.STEERING_COMMITTEE))))
                .expectEvents(new PlanningCycleOpened("c-1", "d-1", "SY 2027-28", "steering"));
    }

    @Test
    void designTeamCannotOpenAPlanningCycle() {
        fixture.givenNoPriorActivity()
                .when(new OpenPlanningCycle("c-1", "d-1", "SY 2027-28",
                        new Actor("designer", false, Set.of(Role.DESIGN_TEAM))))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void anAdminWhoIsNoSteeringMemberCannotOpenAPlanningCycle() {
        fixture.givenNoPriorActivity()
                .when(new OpenPlanningCycle("c-1", "d-1", "SY 2027-28", new Actor("admin", true, Set.of())))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }
}
