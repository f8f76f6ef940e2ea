package org.tradeoffs.query.priorities;

import java.math.BigDecimal;
import java.time.Instant;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;

/**
 * One instructional priority on a cycle's board.
 *
 * @param cost what it costs per year, by what the money pays for
 * @param estimatedAnnualCost the whole annual cost (the total of {@code cost}), exact in plain notation, e.g.
 *                            {@code "1250000.00"}; kept beside the split for clients that read only one amount
 * @param decision null unless approved or rejected
 * @param version the priority aggregate's version (number of its events so far)
 * @param position global position of the priority's last event
 */
public record PriorityView(
        String id,
        String cycleId,
        String districtId,
        String title,
        String description,
        String theoryOfAction,
        Fundability fundability,
        Cost cost,
        String estimatedAnnualCost,
        String lcapGoal,
        Status status,
        String proposedBy,
        Instant proposedAt,
        Decision decision,
        String withdrawalReason,
        long version,
        long position,
        Instant updatedAt) {

    /** A view stored before the split existed has only the amount, which, as for the events, is all unallocated. */
    public PriorityView {
        if (cost == null && estimatedAnnualCost != null) {
            cost = Cost.of(CostSplit.allUnallocated(new BigDecimal(estimatedAnnualCost)));
        }
    }

    public enum Status { PROPOSED, WITHDRAWN, APPROVED, REJECTED }

    /** The parts of the annual cost, each exact in plain notation, e.g. {@code "900000.00"}. */
    public record Cost(String staff, String services, String materials, String unallocated) {

        static Cost of(CostSplit split) {
            return new Cost(split.staff().toPlainString(), split.services().toPlainString(),
                    split.materials().toPlainString(), split.unallocated().toPlainString());
        }
    }

    public record Decision(Outcome outcome, String rationale, String decidedBy, Instant decidedAt) {

        public enum Outcome { APPROVED, REJECTED }
    }

    /** When and as which version/position a change was made. */
    record Stamp(long version, long position, Instant time) {
    }

    static PriorityView proposed(PriorityProposed event, Stamp stamp) {
        PriorityDetails details = event.details();
        return new PriorityView(event.priorityId(), event.cycleId(), event.districtId(), details.title(),
                details.description(), details.theoryOfAction(), details.fundability(), Cost.of(details.cost()),
                details.cost().total().toPlainString(), details.lcapGoal(), Status.PROPOSED, event.actor(),
                stamp.time(), null, null, stamp.version(), stamp.position(), stamp.time());
    }

    PriorityView revised(PriorityDetails details, Stamp stamp) {
        return new PriorityView(id, cycleId, districtId, details.title(), details.description(),
                details.theoryOfAction(), details.fundability(), Cost.of(details.cost()),
                details.cost().total().toPlainString(), details.lcapGoal(), status, proposedBy, proposedAt, decision,
                withdrawalReason, stamp.version(), stamp.position(), stamp.time());
    }

    PriorityView withStatus(Status newStatus, Decision newDecision, String newWithdrawalReason, Stamp stamp) {
        return new PriorityView(id, cycleId, districtId, title, description, theoryOfAction, fundability, cost,
                estimatedAnnualCost, lcapGoal, newStatus, proposedBy, proposedAt, newDecision, newWithdrawalReason,
                stamp.version(), stamp.position(), stamp.time());
    }
}
