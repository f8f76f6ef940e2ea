package org.tradeoffs.eventstore;

import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the event store appended in one unit of work: the global position of the last event and the
 * last sequence number of every aggregate written. Command-side writes answer with these.
 */
public final class AppendReceipt {

    private static final String RESOURCE = AppendReceipt.class.getName();

    private long lastPosition;
    private final Map<String, Long> lastSequences = new HashMap<>();

    public static AppendReceipt of(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(RESOURCE, key -> new AppendReceipt());
    }

    synchronized void record(long position, Map<String, Long> sequences) {
        lastPosition = Math.max(lastPosition, position);
        lastSequences.putAll(sequences);
    }

    public synchronized OptionalLong lastPosition() {
        return lastPosition == 0 ? OptionalLong.empty() : OptionalLong.of(lastPosition);
    }

    /** The aggregate's version after this unit of work: its number of events (last sequence + 1). */
    public synchronized OptionalLong versionOf(String aggregateIdentifier) {
        Long sequence = lastSequences.get(aggregateIdentifier);
        return sequence == null ? OptionalLong.empty() : OptionalLong.of(sequence + 1);
    }
}
