package org.tradeoffs.events.savings;

/** Which way a cost driver is moving. */
public enum Trend {
    RISING,
    FLAT,
    FALLING
}
