package org.tradeoffs.eventstore;

import org.tradeoffs.events.EventVersion;

/** Test payload whose stored shape is at version 3. */
@EventVersion(3)
record VersionedDeposited(String accountId) {
}
