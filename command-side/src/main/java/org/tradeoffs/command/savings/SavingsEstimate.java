package org.tradeoffs.command.savings;

import org.tradeoffs.events.savings.DriverAdjustment;

import java.math.BigDecimal;
import java.util.List;

/**
 * The savings range of a sizing. For each adjusted driver: its cost now (quantity x unit cost) minus
 * its cost at the conservative targets gives the low end, minus its cost at the ambitious targets the
 * high end; a target left out keeps the driver's current figure. Exact arithmetic; a negative amount
 * is a cost.
 */
public record SavingsEstimate(BigDecimal low, BigDecimal high) {

    public static SavingsEstimate of(List<DriverAdjustment> adjustments) {
        BigDecimal low = BigDecimal.ZERO;
        BigDecimal high = BigDecimal.ZERO;
        for (DriverAdjustment adjustment : adjustments) {
            BigDecimal quantity = adjustment.currentQuantity();
            BigDecimal unitCost = adjustment.currentUnitCost();
            BigDecimal now = quantity.multiply(unitCost);
            low = low.add(now.subtract(costAt(adjustment.conservativeQuantity(), adjustment.conservativeUnitCost(),
                    quantity, unitCost)));
            high = high.add(now.subtract(costAt(adjustment.ambitiousQuantity(), adjustment.ambitiousUnitCost(),
                    quantity, unitCost)));
        }
        return new SavingsEstimate(shown(low), shown(high));
    }

    private static BigDecimal costAt(BigDecimal targetQuantity, BigDecimal targetUnitCost, BigDecimal quantity,
                                     BigDecimal unitCost) {
        return (targetQuantity != null ? targetQuantity : quantity)
                .multiply(targetUnitCost != null ? targetUnitCost : unitCost);
    }

    /** The same amount with at least two decimals and no trailing zeros beyond them: 380000 -> 380000.00. */
    static BigDecimal shown(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }
}
