package org.tradeoffs.events.tradeoff;

import java.math.BigDecimal;

/** Money a package puts into an approved instructional priority (exact USD per year). */
public record Investment(String priorityId, BigDecimal amount) {
}
