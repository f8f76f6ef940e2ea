package org.tradeoffs.query.provenance;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import org.tradeoffs.auditchain.Filing;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.query.inputs.InputView;
import org.tradeoffs.query.priorities.PriorityView;
import org.tradeoffs.query.savings.OpportunityDetail;
import org.tradeoffs.query.tradeoffs.TradeoffView;

/**
 * The answer of {@code GET /api/cycles/{cycleId}/decisions/{decisionId}/provenance}: the ordered chain of stored
 * events that shaped a decided priority or tradeoff package, up to its latest decision, and each item as it stood
 * then.
 *
 * @param kind              {@code PRIORITY} for a priority's approval or rejection, {@code TRADEOFF} for a
 *                          package decided by its votes or closed
 * @param decidedAtPosition the global position of the decision event
 * @param asOfPosition      the last position of the decision's commit: the events and items are as of this
 *                          position, so an approval's funding commitments, stored in the same commit, are in
 * @param events            every event of the items below at or before {@code asOfPosition}, by position
 * @param items             the items as they stood at {@code asOfPosition}
 */
public record DecisionProvenance(
        String decisionId,
        String cycleId,
        Kind kind,
        Outcome outcome,
        Instant decidedAt,
        String decidedBy,
        long decidedAtPosition,
        long asOfPosition,
        List<Event> events,
        Items items) {

    public enum Kind { PRIORITY, TRADEOFF }

    /**
     * One stored event, as the event store holds it now, with the hashes the audit chain sealed it with: the
     * members of an audit export line ({@code position, time, actor, payloadType} as the line's {@code type},
     * {@code payload}, in format 2 {@code format} and the filing's members, {@code previousHash, hash}), so
     * {@code hash = SHA-256(previousHash + "\n" + canonical JSON of the record)} can be checked for each event on its
     * own (see {@link org.tradeoffs.auditchain.AuditRecord#canonical}).
     *
     * @param type        the event's simple class name, as on the timeline
     * @param itemId      the priority, opportunity, input or package the event belongs to
     * @param payloadType the stored payload type (class name); null when the event is no longer stored where it
     *                    was indexed (the store was changed: audit verification names the place)
     * @param payload     the stored payload as canonical JSON; null when the event is no longer stored
     * @param time        the stored timestamp; null when the event is no longer stored
     * @param actor       the payload's actor; null when the event is no longer stored
     * @param format      the chain format it was sealed in (1 or 2); null when it is not sealed or no longer stored
     * @param filing      how the store files it (revision, aggregate, sequence, tags, commit time), sealed in format
     *                    2; null otherwise
     * @param previousHash null when the event is not sealed
     * @param hash        null when the event is not sealed
     */
    public record Event(
            long position,
            String time,
            String actor,
            String type,
            ItemKind itemKind,
            String itemId,
            String payloadType,
            @JsonRawValue String payload,
            Integer format,
            Filing filing,
            String previousHash,
            String hash) {
    }

    /**
     * The items of the decision as they stood at {@code asOfPosition}, as the other queries show them.
     *
     * @param priorities    the decided priority, or the priorities a package invests in, in package order
     * @param opportunities the opportunities a package takes funding from, in package order; none for a priority
     * @param inputs        the stakeholder inputs considered: linked to those priorities or opportunities, or
     *                      listed by the package, in the order they were recorded
     * @param tradeoff      the decided package; null for a priority
     */
    public record Items(
            List<PriorityView> priorities,
            List<OpportunityDetail> opportunities,
            List<InputView> inputs,
            TradeoffView tradeoff) {
    }
}
