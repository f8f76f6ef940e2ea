package org.tradeoffs.events.priority;

import java.math.BigDecimal;

/**
 * What a priority costs per year, split by what the money pays for: exact USD amounts per year, each
 * zero or more. {@code unallocated} is the part not (yet) attributed to staff, services or materials; a
 * priority stored before the split existed (details version 1, a single estimated annual cost) reads as
 * wholly unallocated, since it never said how its cost splits.
 *
 * @param staff salaries and benefits
 * @param services contracted services
 * @param materials materials, supplies and equipment
 * @param unallocated the rest, not attributed to any of the above
 */
public record CostSplit(BigDecimal staff, BigDecimal services, BigDecimal materials, BigDecimal unallocated) {

    /** A cost of which nothing is attributed yet; the zeros carry the amount's scale ({@code 0.00} beside {@code 720000.00}). */
    public static CostSplit allUnallocated(BigDecimal amount) {
        BigDecimal zero = BigDecimal.ZERO.setScale(Math.max(amount.scale(), 0));
        return new CostSplit(zero, zero, zero, amount);
    }

    /**
     * The whole annual cost, the sum of the four parts (a missing part counts as zero: events never throw).
     * Derived, so not stored: the event store's JSON holds only the record components (a method that is
     * neither a component nor named {@code getX}/{@code isX} is no JSON property).
     */
    public BigDecimal total() {
        return orZero(staff).add(orZero(services)).add(orZero(materials)).add(orZero(unallocated));
    }

    private static BigDecimal orZero(BigDecimal part) {
        return part == null ? BigDecimal.ZERO : part;
    }
}
