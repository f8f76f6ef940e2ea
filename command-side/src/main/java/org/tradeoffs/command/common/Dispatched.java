package org.tradeoffs.command.common;

import org.tradeoffs.eventstore.AppendReceipt;

/** A handled command: what its handler returned and what the event store appended for it. */
public record Dispatched(Object result, AppendReceipt receipt) {
}
