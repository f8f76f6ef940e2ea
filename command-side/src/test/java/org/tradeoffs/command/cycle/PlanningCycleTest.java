package org.tradeoffs.command.cycle;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.savings.ListOpportunity;
import org.tradeoffs.command.savings.OpportunityNumbers;
import org.tradeoffs.command.savings.SpawnedAggregates;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.SavingsCatalog;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlanningCycleTest {

    private static final Actor STEERING = new Actor("steering", false, Set.of(Role.STEERING_COMMITTEE));
    private static final Actor ANALYST = new Actor("analyst", false, Set.of(Role.ROI_ANALYST));
    private static final Actor AUDITOR = new Actor("auditor", false, Set.of(Role.AUDITOR));
    private static final PlanningCycleOpened OPENED = new PlanningCycleOpened("c-1", "d-1", "SY 2027-28", "steering");

    private final AggregateTestFixture<PlanningCycle> fixture = new AggregateTestFixture<>(PlanningCycle.class);
    private final SpawnedAggregates spawned = new SpawnedAggregates();
    /** Numbers the cycle already lists, as the event store would answer. */
    private final Set<Integer> taken = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture.registerRepositoryProvider(spawned);
        fixture.registerInjectableResource((OpportunityNumbers) (cycleId, number) -> taken.contains(number));
    }

    @Test
    void steeringCommitteeCanOpenAPlanningCycle() {
        fixture.givenNoPriorActivity()
                .when(new OpenPlanningCycle("c-1", "d-1", "SY 2027-28", STEERING))
                .expectEvents(OPENED);
    }

    @Test
    void openingACycleListsThe31CatalogOpportunities() {
        fixture.givenNoPriorActivity()
                .when(new OpenPlanningCycle("c-1", "d-1", "SY 2027-28", STEERING))
                .expectSuccessfulHandlerExecution();

        List<OpportunityListed> listed = spawned.events(OpportunityListed.class);
        assertThat(listed).hasSize(31);
        for (int i = 0; i < 31; i++) {
            SavingsCatalog.Entry entry = SavingsCatalog.ENTRIES.get(i);
            assertThat(listed.get(i)).isEqualTo(new OpportunityListed(OpportunityNumbers.idOf("c-1", entry.number()),
                    "c-1", "d-1", entry.number(), entry.focusArea(), entry.question(), true, "steering"));
        }
    }

    @Test
    void designTeamCannotOpenAPlanningCycle() {
        fixture.givenNoPriorActivity()
                .when(new OpenPlanningCycle("c-1", "d-1", "SY 2027-28",
                        new Actor("designer", false, Set.of(Role.DESIGN_TEAM))))
                .expectException(NotPermitted.class)
                .expectNoEvents();
        assertThat(spawned.events(Object.class)).isEmpty();
    }

    @Test
    void anAdminWhoIsNoSteeringMemberCannotOpenAPlanningCycle() {
        fixture.givenNoPriorActivity()
                .when(new OpenPlanningCycle("c-1", "d-1", "SY 2027-28", new Actor("admin", true, Set.of())))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void theDistrictsFirstOwnOpportunityIsNumber32() {
        catalogIsListed();
        fixture.given(OPENED)
                .when(new ListOpportunity("c-1", FocusArea.MAXIMIZING_REVENUE, "Can we rent out unused buildings?",
                        ANALYST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(OpportunityNumbers.idOf("c-1", 32));

        assertThat(spawned.events(OpportunityListed.class)).containsExactly(new OpportunityListed(
                OpportunityNumbers.idOf("c-1", 32), "c-1", "d-1", 32, FocusArea.MAXIMIZING_REVENUE,
                "Can we rent out unused buildings?", false, "analyst"));
    }

    @Test
    void ownOpportunitiesAreNumberedAfterTheHighest() {
        catalogIsListed();
        taken.addAll(List.of(32, 33));
        fixture.given(OPENED)
                .when(new ListOpportunity("c-1", FocusArea.CLASS_SIZE, "Can we share electives across high schools?",
                        STEERING))
                .expectResultMessagePayload(OpportunityNumbers.idOf("c-1", 34));

        assertThat(spawned.events(OpportunityListed.class)).singleElement()
                .satisfies(listed -> assertThat(listed.number()).isEqualTo(34));
    }

    @Test
    void auditorCannotAddAnOpportunity() {
        fixture.given(OPENED)
                .when(new ListOpportunity("c-1", FocusArea.CLASS_SIZE, "Why not?", AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
        assertThat(spawned.events(Object.class)).isEmpty();
    }

    private void catalogIsListed() {
        for (int number = 1; number <= 31; number++) {
            taken.add(number);
        }
    }
}
