package org.tradeoffs.command.tradeoff;

import org.junit.jupiter.api.Test;
import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.Tally;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Every committee of up to six voters, every quorum, both majorities and every way the votes can go. */
class BallotTest {

    private static final int MAX_VOTERS = 6;

    @Test
    void anEarlyDecisionIsWhatAnyWayTheRemainingVotersVoteWouldHaveGiven() {
        forEveryBallot(ballot -> ballot.decided().ifPresent(outcome ->
                assertThat(finalOutcomes(ballot)).as("%s", ballot).containsOnly(outcome)));
    }

    @Test
    void theVoteIsDecidedOnceTheRemainingVotersCannotChangeTheOutcomeAndQuorumIsMet() {
        forEveryBallot(ballot -> {
            if (ballot.cast() >= ballot.quorum() && finalOutcomes(ballot).size() == 1) {
                assertThat(ballot.decided()).as("%s", ballot).isPresent();
            }
        });
    }

    @Test
    void withoutQuorumNothingIsDecidedUntilEveryoneHasVoted() {
        forEveryBallot(ballot -> {
            if (ballot.cast() < ballot.quorum() && ballot.cast() < ballot.eligible()) {
                assertThat(ballot.decided()).as("%s", ballot).isEmpty();
            }
        });
    }

    @Test
    void closingWithoutQuorumRejects() {
        forEveryBallot(ballot -> {
            if (ballot.cast() < ballot.quorum()) {
                assertThat(ballot.closed()).as("%s", ballot).isEqualTo(Outcome.REJECTED);
            }
        });
    }

    @Test
    void closingAfterTheVotesDecidedGivesTheSameOutcome() {
        forEveryBallot(ballot -> ballot.decided().ifPresent(outcome ->
                assertThat(ballot.closed()).as("%s", ballot).isEqualTo(outcome)));
    }

    @Test
    void majoritiesCountOnlyNonAbstainingVotes() {
        assertThat(new Ballot(1, Majority.SIMPLE, 3, new Tally(1, 0, 2)).closed()).isEqualTo(Outcome.APPROVED);
        assertThat(new Ballot(1, Majority.SIMPLE, 3, new Tally(1, 1, 1)).closed()).isEqualTo(Outcome.REJECTED);
        assertThat(new Ballot(1, Majority.TWO_THIRDS, 4, new Tally(2, 1, 1)).closed()).isEqualTo(Outcome.APPROVED);
        assertThat(new Ballot(1, Majority.TWO_THIRDS, 4, new Tally(1, 1, 2)).closed()).isEqualTo(Outcome.REJECTED);
        assertThat(new Ballot(1, Majority.TWO_THIRDS, 4, new Tally(0, 0, 4)).closed()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void everyoneHavingVotedAlwaysDecides() {
        forEveryBallot(ballot -> {
            if (ballot.cast() == ballot.eligible()) {
                assertThat(ballot.decided()).as("%s", ballot).isEqualTo(Optional.of(ballot.closed()));
            }
        });
    }

    /** The outcomes the vote can end with once everyone has voted, whatever the remaining voters do. */
    private static Set<Outcome> finalOutcomes(Ballot ballot) {
        Set<Outcome> outcomes = new HashSet<>();
        int remaining = ballot.eligible() - ballot.cast();
        Tally tally = ballot.tally();
        for (int approve = 0; approve <= remaining; approve++) {
            for (int reject = 0; approve + reject <= remaining; reject++) {
                int abstain = remaining - approve - reject;
                outcomes.add(new Ballot(ballot.quorum(), ballot.majority(), ballot.eligible(),
                        new Tally(tally.approve() + approve, tally.reject() + reject, tally.abstain() + abstain))
                        .closed());
            }
        }
        return outcomes;
    }

    private static void forEveryBallot(Consumer<Ballot> check) {
        int ballots = 0;
        for (Majority majority : Majority.values()) {
            for (int eligible = 1; eligible <= MAX_VOTERS; eligible++) {
                for (int quorum = 1; quorum <= eligible; quorum++) {
                    for (int approve = 0; approve <= eligible; approve++) {
                        for (int reject = 0; approve + reject <= eligible; reject++) {
                            for (int abstain = 0; approve + reject + abstain <= eligible; abstain++) {
                                check.accept(new Ballot(quorum, majority, eligible, new Tally(approve, reject, abstain)));
                                ballots++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(ballots).isGreaterThan(1000);
    }

}
