package org.tradeoffs.eventstore;

import java.math.BigDecimal;

/** Test snapshot payload: an account's balance after a number of events. */
record AccountSnapshot(String accountId, BigDecimal balance) {
}
