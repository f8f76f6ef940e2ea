package org.tradeoffs.command.tradeoff;

import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.Tally;

import java.util.Optional;

/**
 * The votes on a package under its rules: at least {@code quorum} votes cast (abstentions count), and the
 * {@code majority} of the non-abstaining votes approving.
 *
 * @param eligible how many members may vote
 */
record Ballot(int quorum, Majority majority, int eligible, Tally tally) {

    int cast() {
        return tally.approve() + tally.reject() + tally.abstain();
    }

    /**
     * The outcome once the votes decide it: the quorum is met and the remaining voters can no longer change
     * the outcome (it is the same whether they all approve or all reject; abstaining lies in between), or
     * everyone has voted. Empty while the vote is open.
     */
    Optional<Outcome> decided() {
        int remaining = eligible - cast();
        if (cast() < quorum) {
            return remaining <= 0 ? Optional.of(Outcome.REJECTED) : Optional.empty();
        }
        Outcome ifAllApprove = outcome(tally.approve() + remaining, tally.reject());
        Outcome ifAllReject = outcome(tally.approve(), tally.reject() + remaining);
        return ifAllApprove == ifAllReject ? Optional.of(ifAllApprove) : Optional.empty();
    }

    /** The outcome when a steering member closes the vote now: rejected without quorum. */
    Outcome closed() {
        return cast() < quorum ? Outcome.REJECTED : outcome(tally.approve(), tally.reject());
    }

    private Outcome outcome(int approve, int reject) {
        boolean approved = switch (majority) {
            case SIMPLE -> approve > reject;
            case TWO_THIRDS -> approve > 0 && 3 * approve >= 2 * (approve + reject);
        };
        return approved ? Outcome.APPROVED : Outcome.REJECTED;
    }
}
