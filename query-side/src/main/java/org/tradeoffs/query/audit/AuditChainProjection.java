package org.tradeoffs.query.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tradeoffs.auditchain.AuditRecord;
import org.tradeoffs.auditchain.HashChain;

/**
 * Seals every stored event into the hash chain of its district (the payload's {@code districtId}), after the
 * fact and in the store's order, as the one thread of the {@code audit-chain} tracking processor. Writers never
 * wait for it: appends take no lock and know nothing of the chain (see "Tamper evidence" in the README).
 *
 * <p>It hashes the event as stored (re-read from the commit document), not the deserialized message, so that
 * {@code verify} and an auditor recompute the same text. Idempotent: a position is sealed at most once (unique
 * index), and a redelivered event only repairs the head if a crash came between the seal and the head. A batch of
 * the processor is sealed in one go: its commits read with one query, each district's head read once, the seals
 * stored before for its positions read with one query, its new seals stored with one request after its last event,
 * then each head moved once, so before the processor stores its token (a batch that fails midway is delivered again,
 * its seals found stored and the heads repaired). An event handled alone (a replay) costs four operations: the
 * commit, the head, the seal (a redelivered one tells by its duplicate position) and the new head. A reset
 * replays without clearing anything: re-sealing from scratch would launder whatever was changed in the store.
 * Failures are not skipped (see {@link AuditChainConfiguration}): an event that cannot be sealed stops the chain
 * where it is, loudly, rather than leaving a silent hole.
 */
@Component
@ProcessingGroup(AuditChainProjection.PROCESSING_GROUP)
public class AuditChainProjection {

    public static final String PROCESSING_GROUP = "audit-chain";

    private static final Logger log = LoggerFactory.getLogger(AuditChainProjection.class);
    /** The batch's {@link Sealing}, a resource of its unit of work. */
    private static final String BATCH = AuditChainProjection.class.getName() + ".batch";

    private final StoredEvents events;
    private final SealRepository seals;

    public AuditChainProjection(StoredEvents events, SealRepository seals) {
        this.events = events;
        this.seals = seals;
    }

    @EventHandler
    public void on(EventMessage<?> event) {
        BatchingUnitOfWork<?> batch = CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batching ? batching : null;
        Sealing sealing = batch == null ? new Sealing(false)
                : batch.getOrComputeResource(BATCH, key -> new Sealing(true));
        seal(event, sealing);
        if (batch == null || batch.isLastMessage()) {
            sealing.store();
        }
    }

    private void seal(EventMessage<?> event, Sealing sealing) {
        StoredEvent stored = events.find(event).orElseThrow(() -> new IllegalStateException(
                "Event " + event.getIdentifier() + " was delivered but is not in the event store as stored"));
        String districtId = stored.districtId();
        if (districtId == null) {
            log.debug("Event at position {} names no district; it belongs to no chain", stored.position());
            return;
        }
        ChainHead head = sealing.head(districtId);
        AuditRecord record = stored.record();
        Seal seal = new Seal(districtId, head.n() + 1, stored.position(), stored.commit(), head.hash(),
                HashChain.link(head.hash(), record), record.format());
        sealing.seal(seal);
    }

    /**
     * Each district's head in one batch: as read from the store, and as the batch's seals have moved it. In a batch,
     * the seals stored before for its positions (it was delivered before and failed) are read with one query, and
     * its new seals are stored together at its end, before the heads move.
     */
    private final class Sealing {

        private final boolean batched;
        private final Map<String, ChainHead> read = new HashMap<>();
        private final Map<String, ChainHead> heads = new HashMap<>();
        private final List<Seal> fresh = new ArrayList<>();
        private Map<Long, Seal> sealedBefore;

        Sealing(boolean batched) {
            this.batched = batched;
        }

        ChainHead head(String districtId) {
            return heads.computeIfAbsent(districtId, id -> {
                ChainHead stored = seals.head(id).orElse(ChainHead.empty(id));
                read.put(id, stored);
                return stored;
            });
        }

        /** Seals the event, unless its position is sealed already: then the stored seal counts, the head follows it. */
        void seal(Seal seal) {
            Seal sealed;
            if (!batched) {
                sealed = seals.append(seal).orElse(seal);
            } else {
                if (sealedBefore == null) {
                    sealedBefore = seals.sealsAt(events.batchPositions());
                }
                sealed = sealedBefore.get(seal.position());
                if (sealed == null) {
                    fresh.add(seal);
                    sealed = seal;
                }
            }
            heads.merge(sealed.districtId(), ChainHead.of(sealed), (now, next) -> next.n() > now.n() ? next : now);
        }

        /** Stores the new seals, then each head the batch moved ahead of where it was read. */
        void store() {
            seals.appendAll(fresh);
            heads.forEach((districtId, head) -> seals.moveHead(read.get(districtId), head));
        }
    }
}
