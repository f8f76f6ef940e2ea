package org.tradeoffs.events.priority;

/** Whether a priority is a goal ("raise graduation rates") or a fundable action ("12 FTE literacy coaches"). */
public enum Fundability {
    GOAL,
    ACTION
}
