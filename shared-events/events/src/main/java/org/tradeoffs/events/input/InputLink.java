package org.tradeoffs.events.input;

/**
 * What an input speaks to: a priority or a savings opportunity of the same cycle, with its stance.
 *
 * @param kind {@code PRIORITY} or {@code OPPORTUNITY}
 */
public record InputLink(Kind kind, String id, Stance stance) {

    public enum Kind { PRIORITY, OPPORTUNITY }
}
