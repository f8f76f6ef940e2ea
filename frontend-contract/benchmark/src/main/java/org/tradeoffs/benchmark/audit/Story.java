package org.tradeoffs.benchmark.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * What the generated histories share: one seeded random source (the same seed writes the same store), the next
 * sequence number of every aggregate, and commits built as the command side's units of work build them.
 */
final class Story {

    private final Random random;
    private final Map<String, Long> sequences = new HashMap<>();

    Story(long seed) {
        this.random = new Random(seed);
    }

    /** The events one command stores together, in one commit. */
    final class Commit {

        private final List<DomainEventMessage<?>> events = new ArrayList<>();

        /** Appends an event of the aggregate at its next sequence number. */
        Commit add(String aggregateType, String aggregateId, Object payload) {
            long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
            events.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload));
            return this;
        }

        List<DomainEventMessage<?>> events() {
            return events;
        }

        int size() {
            return events.size();
        }
    }

    Commit commit() {
        return new Commit();
    }

    /** A commit of one event. */
    Commit one(String aggregateType, String aggregateId, Object payload) {
        return commit().add(aggregateType, aggregateId, payload);
    }

    String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A whole number from {@code from} to {@code to}, both included. */
    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    double fraction(double from, double to) {
        return from + random.nextDouble() * (to - from);
    }

    double nextDouble() {
        return random.nextDouble();
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    <T extends Enum<T>> T pick(Class<T> type) {
        T[] values = type.getEnumConstants();
        return values[random.nextInt(values.length)];
    }

    /** Up to {@code count} distinct values, in random order. */
    <T> List<T> sample(List<T> values, int count) {
        List<T> pool = new ArrayList<>(values);
        List<T> sample = new ArrayList<>();
        while (sample.size() < count && !pool.isEmpty()) {
            sample.add(pool.remove(random.nextInt(pool.size())));
        }
        return sample;
    }

    /** An amount in dollars and cents from {@code from} to {@code to}, rounded to hundreds of dollars. */
    BigDecimal dollars(long from, long to) {
        long hundreds = (from + (long) (random.nextDouble() * (to - from))) / 100;
        return BigDecimal.valueOf(Math.max(hundreds, 1) * 100).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A share of an amount, in cents, at least one cent. */
    BigDecimal share(BigDecimal amount, double from, double to) {
        BigDecimal share = amount.multiply(BigDecimal.valueOf(fraction(from, to))).setScale(2, RoundingMode.DOWN);
        return share.signum() > 0 ? share : new BigDecimal("0.01");
    }

    /** A day of the school year that starts on July 1st of {@code year}. */
    LocalDate dayOf(int year) {
        return LocalDate.of(year, 7, 1).plusDays(random.nextInt(365));
    }
}
