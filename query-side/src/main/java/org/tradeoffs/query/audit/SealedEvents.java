package org.tradeoffs.query.audit;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Service;
import org.tradeoffs.auditchain.AuditRecord;
import org.tradeoffs.auditchain.Filing;

/**
 * Stored events with their seals, for read models that cite events (decision provenance): each event as the event
 * store holds it now, in the same canonical form the chain hashes, next to the hashes it was sealed with, so a
 * reader can check every cited event against the district's chain ({@code hash = HashChain.link(previousHash,
 * record)}, the record in the format the event was sealed in). Read-only; sealing stays with
 * {@link AuditChainProjection}.
 */
@Service
public class SealedEvents {

    /**
     * Where an event is stored.
     *
     * @param position the event's own global position
     * @param commit   the {@code _id} of the commit document holding it (the commit's last position)
     */
    public record Location(long position, long commit) {
    }

    /**
     * One event as stored now and as sealed.
     *
     * @param time         the stored timestamp text
     * @param actor        the payload's {@code actor}
     * @param payloadType  the stored payload type (the event's class name)
     * @param payload      the stored payload as canonical JSON text
     * @param format       the chain format it was sealed in (see {@link AuditRecord#format}); null when it is not
     *                     sealed
     * @param filing       how the store files it, as sealed in format 2; null in format 1 or when it is not sealed
     * @param previousHash the hash before it in its district's chain; null when it is not sealed
     * @param hash         its hash in its district's chain; null when it is not sealed
     */
    public record Event(long position, String time, String actor, String payloadType, String payload,
                        Integer format, Filing filing, String previousHash, String hash) {
    }

    private final StoredEvents events;
    private final SealRepository seals;

    public SealedEvents(StoredEvents events, SealRepository seals) {
        this.events = events;
        this.seals = seals;
    }

    /**
     * Where a delivered event is stored, found by its commit's unique stream key: its own position, which the
     * tracking token does not give when the event's commit filled a gap late.
     */
    public Optional<Location> locate(EventMessage<?> event) {
        return events.find(event).map(stored -> new Location(stored.position(), stored.commit()));
    }

    /**
     * The events at these locations, by position: one read of their commits by {@code _id}, one seal read per
     * event (by its unique position). A location whose event is no longer stored there, or whose payload is no
     * longer JSON, is absent.
     */
    public Map<Long, Event> read(Collection<Location> locations) {
        Map<Long, Document> commits = events.commits(
                locations.stream().map(Location::commit).collect(Collectors.toSet()));
        Map<Long, Event> found = new HashMap<>();
        for (Location location : locations) {
            Optional<StoredEvent> stored = Optional.ofNullable(commits.get(location.commit()))
                    .flatMap(commit -> StoredEvent.in(commit, location.position()));
            if (stored.isPresent()) {
                Optional<Seal> seal = seals.sealAt(location.position());
                record(stored.get(), seal.map(Seal::format).orElse(AuditRecord.CURRENT_FORMAT))
                        .ifPresent(record -> found.put(location.position(), sealed(record, seal)));
            }
        }
        return found;
    }

    private static Event sealed(AuditRecord record, Optional<Seal> seal) {
        return new Event(record.position(), record.time(), record.actor(), record.type(), record.payload(),
                seal.map(Seal::format).orElse(null), seal.isPresent() ? record.filing() : null,
                seal.map(Seal::previousHash).orElse(null), seal.map(Seal::hash).orElse(null));
    }

    private static Optional<AuditRecord> record(StoredEvent stored, int format) {
        try {
            return Optional.of(stored.record(format));
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }
}
