package org.tradeoffs.events.tradeoff;

/** The share of APPROVE votes among non-abstaining votes a package needs. */
public enum Majority {
    /** more approvals than rejections */
    SIMPLE,
    /** at least two thirds of the non-abstaining votes approve */
    TWO_THIRDS
}
