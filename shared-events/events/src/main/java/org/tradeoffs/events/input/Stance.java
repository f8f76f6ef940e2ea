package org.tradeoffs.events.input;

/** What the input says about the item it is linked to. */
public enum Stance {
    SUPPORT, OPPOSE, CONCERN, IDEA
}
