package org.tradeoffs.query.provenance;

/** What an item of a cycle is: the aggregate its events belong to. */
public enum ItemKind {
    PRIORITY, OPPORTUNITY, INPUT, TRADEOFF
}
