package org.tradeoffs.query.projection;

import java.math.BigDecimal;

/**
 * Exact decimals as the views emit them (savings, tradeoffs, balance, ...): plain notation with at least two decimals
 * ({@code "380000.00"}, {@code "-12.50"}, {@code "3847510.125"}). Trailing zeros beyond the second
 * decimal are dropped, so {@code 40.00 x 95000.00} reads {@code "3800000.00"}, not
 * {@code "3800000.0000"}; the value is never rounded.
 */
public final class Amounts {

    public static final String ZERO = "0.00";

    private Amounts() {
    }

    /** Null stays null (an optional figure that was not given). */
    public static String text(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal canonical = amount.stripTrailingZeros();
        if (canonical.scale() < 2) {
            canonical = canonical.setScale(2);
        }
        return canonical.toPlainString();
    }

    public static BigDecimal value(String text) {
        return text == null ? BigDecimal.ZERO : new BigDecimal(text);
    }

    public static String sum(String left, String right) {
        return text(value(left).add(value(right)));
    }
}
