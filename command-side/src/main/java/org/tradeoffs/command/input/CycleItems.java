package org.tradeoffs.command.input;

/**
 * Whether an id names an item of a planning cycle. Stakeholder input links to priorities and opportunities,
 * and tradeoff packages name priorities, opportunities and inputs, only of their own cycle.
 */
public interface CycleItems {

    boolean isPriority(String cycleId, String priorityId);

    boolean isOpportunity(String cycleId, String opportunityId);

    boolean isInput(String cycleId, String inputId);
}
