package org.tradeoffs.events.tradeoff;

import java.math.BigDecimal;

/**
 * Money a package takes from a sized savings opportunity, or from other identified revenue
 * (exact USD per year).
 *
 * @param opportunityId the opportunity, or null for other revenue
 * @param description   what the other revenue is, or null for an opportunity
 */
public record Funding(String opportunityId, String description, BigDecimal amount) {
}
