package org.tradeoffs.command.savings;

import org.junit.jupiter.api.Test;
import org.tradeoffs.events.savings.DriverAdjustment;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SavingsEstimateTest {

    private static BigDecimal $(String amount) {
        return new BigDecimal(amount);
    }

    private static DriverAdjustment buses(String conservativeQuantity, String ambitiousQuantity,
                                          String conservativeUnitCost, String ambitiousUnitCost) {
        return new DriverAdjustment("buses", $("40"), $("95000"), conservativeQuantity == null ? null : $(conservativeQuantity),
                ambitiousQuantity == null ? null : $(ambitiousQuantity),
                conservativeUnitCost == null ? null : $(conservativeUnitCost),
                ambitiousUnitCost == null ? null : $(ambitiousUnitCost));
    }

    @Test
    void fewerBusesSaveTheirCost() {
        SavingsEstimate estimate = SavingsEstimate.of(List.of(buses("36", "32", null, null)));

        assertThat(estimate.low().toPlainString()).isEqualTo("380000.00");
        assertThat(estimate.high().toPlainString()).isEqualTo("760000.00");
    }

    @Test
    void aLowerUnitCostSavesOnEveryUnitKept() {
        SavingsEstimate estimate = SavingsEstimate.of(List.of(buses(null, "36", "90000", "90000")));

        assertThat(estimate.low()).isEqualByComparingTo("200000");     // 40 x 5,000
        assertThat(estimate.high()).isEqualByComparingTo("560000");    // 3,800,000 - 36 x 90,000
    }

    @Test
    void savingsOfSeveralDriversAddUp() {
        DriverAdjustment coaches = new DriverAdjustment("coaches", $("12.5"), $("61234.57"), $("10"), $("8.5"), null, null);

        SavingsEstimate estimate = SavingsEstimate.of(List.of(buses("36", "32", null, null), coaches));

        assertThat(estimate.low().toPlainString()).isEqualTo("533086.425");    // 380,000 + 2.5 x 61,234.57
        assertThat(estimate.high().toPlainString()).isEqualTo("1004938.28");  // 760,000 + 4 x 61,234.57
    }

    @Test
    void aTargetAboveTodayShowsACost() {
        SavingsEstimate estimate = SavingsEstimate.of(List.of(buses("42", "40", null, "96000.00")));

        assertThat(estimate.low().toPlainString()).isEqualTo("-190000.00");
        assertThat(estimate.high().toPlainString()).isEqualTo("-40000.00");
    }

    @Test
    void amountsShowAtLeastTwoDecimalsAndStayExact() {
        assertThat(SavingsEstimate.shown($("380000.0000")).toPlainString()).isEqualTo("380000.00");
        assertThat(SavingsEstimate.shown($("0")).toPlainString()).isEqualTo("0.00");
        assertThat(SavingsEstimate.shown($("0.125")).toPlainString()).isEqualTo("0.125");
    }
}
