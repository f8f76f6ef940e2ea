package org.tradeoffs.events.cycle;

import org.tradeoffs.events.CycleScoped;

/** Facts about a planning cycle (one school year of Smarter School Spending work). */
public sealed interface CycleEvent extends CycleScoped permits PlanningCycleOpened {
}
