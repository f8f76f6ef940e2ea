package org.tradeoffs.events.savings;

import java.math.BigDecimal;

/**
 * One cost driver changed by a sizing, with the driver's figures at the time of sizing, so the
 * computed savings can be re-derived from the event alone. A target left null keeps that figure.
 *
 * @param conservativeQuantity target quantity of the low estimate (e.g. 36 buses), or null
 * @param ambitiousQuantity    target quantity of the high estimate (e.g. 32 buses), or null
 * @param conservativeUnitCost target unit cost of the low estimate, or null
 * @param ambitiousUnitCost    target unit cost of the high estimate, or null
 */
public record DriverAdjustment(
        String driverId,
        BigDecimal currentQuantity,
        BigDecimal currentUnitCost,
        BigDecimal conservativeQuantity,
        BigDecimal ambitiousQuantity,
        BigDecimal conservativeUnitCost,
        BigDecimal ambitiousUnitCost) {
}
