package org.tradeoffs.query.audit;

import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tradeoffs.auditchain.HashChain;

/**
 * Seals every stored event into the hash chain of its district (the payload's {@code districtId}), after the
 * fact and in the store's order, as the one thread of the {@code audit-chain} tracking processor. Writers never
 * wait for it: appends take no lock and know nothing of the chain (see "Tamper evidence" in the README).
 *
 * <p>It hashes the event as stored (re-read from the commit document), not the deserialized message, so that
 * {@code verify} and an auditor recompute the same text. Idempotent: a position is sealed at most once (unique
 * index), and a redelivered event only repairs the head if a crash came between the seal and the head. A first
 * delivery costs four operations: the commit, the head, the seal and the new head. A reset
 * replays without clearing anything: re-sealing from scratch would launder whatever was changed in the store.
 * Failures are not skipped (see {@link AuditChainConfiguration}): an event that cannot be sealed stops the chain
 * where it is, loudly, rather than leaving a silent hole.
 */
@Component
@ProcessingGroup(AuditChainProjection.PROCESSING_GROUP)
public class AuditChainProjection {

    public static final String PROCESSING_GROUP = "audit-chain";

    private static final Logger log = LoggerFactory.getLogger(AuditChainProjection.class);

    private final StoredEvents events;
    private final SealRepository seals;

    public AuditChainProjection(StoredEvents events, SealRepository seals) {
        this.events = events;
        this.seals = seals;
    }

    @EventHandler
    public void on(EventMessage<?> event) {
        StoredEvent stored = find(event).orElseThrow(() -> new IllegalStateException(
                "Event " + event.getIdentifier() + " was delivered but is not in the event store as stored"));
        String districtId = stored.districtId();
        if (districtId == null) {
            log.debug("Event at position {} names no district; it belongs to no chain", stored.position());
            return;
        }
        ChainHead head = seals.head(districtId).orElse(ChainHead.empty(districtId));
        Seal seal = new Seal(districtId, head.n() + 1, stored.position(), stored.commit(), head.hash(),
                HashChain.link(head.hash(), stored.record()));
        Optional<Seal> sealed = seals.append(seal);
        if (sealed.isPresent()) {
            seals.advanceHead(sealed.get());
        } else {
            seals.moveHead(head, seal);
        }
    }

    private Optional<StoredEvent> find(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null) {
            return events.find(domainEvent.getAggregateIdentifier() + ":" + domainEvent.getSequenceNumber(),
                    event.getIdentifier());
        }
        return events.find("~" + event.getIdentifier(), event.getIdentifier());
    }
}
