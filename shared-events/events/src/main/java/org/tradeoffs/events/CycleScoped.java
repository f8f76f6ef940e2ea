package org.tradeoffs.events;

/** A fact that belongs to one planning cycle of one district; it appears on that cycle's timeline. */
public interface CycleScoped extends DomainEvent {
    String districtId();

    String cycleId();
}
