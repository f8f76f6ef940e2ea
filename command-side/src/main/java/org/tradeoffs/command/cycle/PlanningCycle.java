package org.tradeoffs.command.cycle;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.Role;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One school year of Smarter School Spending work in a district, e.g. "SY 2027-28". */
@Aggregate
public class PlanningCycle {

    @AggregateIdentifier
    private String cycleId;

    protected PlanningCycle() {
    }

    @CommandHandler
    public PlanningCycle(OpenPlanningCycle command) {
        command.actor().require("open planning cycles", Role.STEERING_COMMITTEE);
        apply(new PlanningCycleOpened(command.cycleId(), command.districtId(), command.name(),
                command.actor().username()));
    }

    @EventSourcingHandler
    void on(PlanningCycleOpened event) {
        cycleId = event.cycleId();
    }
}
