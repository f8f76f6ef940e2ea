package org.tradeoffs.events.savings;

/** What kind of constraint limits a change: a district preference or a more rigid restriction. */
public enum ConstraintKind {
    DISTRICT_PREFERENCE,
    STATE_POLICY,
    FEDERAL_RULE,
    CONTRACT,
    OTHER
}
