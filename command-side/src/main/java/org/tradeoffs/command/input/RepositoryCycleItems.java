package org.tradeoffs.command.input;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import org.tradeoffs.command.priority.Priority;
import org.tradeoffs.command.savings.Opportunity;

import java.util.function.Function;

/**
 * Answers by loading the item's aggregate through its repository, in the unit of work of the command that
 * asks, so the item cannot change underneath it.
 */
@Component
public class RepositoryCycleItems implements CycleItems {

    private final Repository<Priority> priorities;
    private final Repository<Opportunity> opportunities;
    private final Repository<StakeholderInput> inputs;

    public RepositoryCycleItems(Repository<Priority> priorities, Repository<Opportunity> opportunities,
                                Repository<StakeholderInput> inputs) {
        this.priorities = priorities;
        this.opportunities = opportunities;
        this.inputs = inputs;
    }

    @Override
    public boolean isPriority(String cycleId, String priorityId) {
        return cycleId.equals(cycleOf(priorities, priorityId, Priority::cycleId));
    }

    @Override
    public boolean isOpportunity(String cycleId, String opportunityId) {
        return cycleId.equals(cycleOf(opportunities, opportunityId, Opportunity::cycleId));
    }

    @Override
    public boolean isInput(String cycleId, String inputId) {
        return cycleId.equals(cycleOf(inputs, inputId, StakeholderInput::cycleId));
    }

    /** The item's cycle; null for an unknown id or the id of another kind of item. */
    private static <T> String cycleOf(Repository<T> repository, String id, Function<T, String> cycle) {
        try {
            return repository.load(id).invoke(cycle);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            return null;
        }
    }
}
