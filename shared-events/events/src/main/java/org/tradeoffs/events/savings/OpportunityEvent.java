package org.tradeoffs.events.savings;

import org.tradeoffs.events.CycleScoped;

/** Facts about one savings (or revenue) opportunity of a planning cycle, through the five analysis steps. */
public sealed interface OpportunityEvent extends CycleScoped
        permits OpportunityListed, OpportunityScreened, BudgetLineAdded, CostDriverAdded, ConstraintRecorded,
        OpportunitySized, OwnerAssigned, MilestoneAdded, MilestoneCompleted, MilestoneOverdue, SavingsCaptured,
        RenegotiationWindowOpened, FundingCommitted {
    String opportunityId();
}
