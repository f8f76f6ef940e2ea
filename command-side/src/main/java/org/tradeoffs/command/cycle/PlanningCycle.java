package org.tradeoffs.command.cycle;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.tradeoffs.command.savings.ListOpportunity;
import org.tradeoffs.command.savings.Opportunity;
import org.tradeoffs.command.savings.OpportunityNumbers;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.SavingsCatalog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;
import static org.tradeoffs.events.district.Role.DESIGN_TEAM;
import static org.tradeoffs.events.district.Role.ROI_ANALYST;
import static org.tradeoffs.events.district.Role.STEERING_COMMITTEE;

/**
 * One school year of Smarter School Spending work in a district, e.g. "SY 2027-28". Opening it lists
 * the 31 catalog opportunities in the same unit of work, so the cycle and its opportunities are stored
 * in one commit (all or none); the district's own opportunities are numbered on from 32.
 */
@Aggregate
public class PlanningCycle {

    @AggregateIdentifier
    private String cycleId;
    private String districtId;

    protected PlanningCycle() {
    }

    @CommandHandler
    public PlanningCycle(OpenPlanningCycle command) {
        command.actor().require("open planning cycles", Role.STEERING_COMMITTEE);
        // Axon applies a constructor's events when the constructor returns; listing the catalog after the event
        // is applied keeps the commit in story order: the cycle first, then its opportunities.
        apply(new PlanningCycleOpened(command.cycleId(), command.districtId(), command.name(),
                command.actor().username()))
                .andThen(() -> SavingsCatalog.ENTRIES.forEach(entry -> list(entry.number(), entry.focusArea(),
                        entry.question(), true, command.actor().username())));
    }

    /** @return the id of the listed opportunity */
    @CommandHandler
    public String handle(ListOpportunity command, OpportunityNumbers numbers) {
        command.actor().require("add opportunities", DESIGN_TEAM, ROI_ANALYST, STEERING_COMMITTEE);
        // Numbers are never given back, so the first free one after the catalog is the next after the highest.
        int number = SavingsCatalog.ENTRIES.size() + 1;
        while (numbers.isTaken(cycleId, number)) {
            number++;
        }
        return list(number, command.focusArea(), command.question(), false, command.actor().username());
    }

    private String list(int number, FocusArea focusArea, String question, boolean catalog, String actor) {
        String opportunityId = OpportunityNumbers.idOf(cycleId, number);
        OpportunityListed listed = new OpportunityListed(opportunityId, cycleId, districtId, number, focusArea,
                question, catalog, actor);
        try {
            createNew(Opportunity.class, () -> new Opportunity(listed));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not list opportunity #" + number, e);
        }
        return opportunityId;
    }

    @EventSourcingHandler
    void on(PlanningCycleOpened event) {
        cycleId = event.cycleId();
        districtId = event.districtId();
    }
}
