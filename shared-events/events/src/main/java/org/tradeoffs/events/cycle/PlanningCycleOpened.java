package org.tradeoffs.events.cycle;

/** The steering committee opened a planning cycle, e.g. {@code "SY 2027-28"}, in its district. */
public record PlanningCycleOpened(String cycleId, String districtId, String name, String actor)
        implements CycleEvent {
}
