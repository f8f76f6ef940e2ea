package org.tradeoffs.eventstore;

import java.math.BigDecimal;

/** Test payload: money paid into an account. */
record Deposited(String accountId, BigDecimal amount) {
}
