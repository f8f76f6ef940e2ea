package org.tradeoffs.command.tradeoff;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.tradeoffs.command.common.ConflictingState;
import org.tradeoffs.command.common.InvalidField;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.command.common.Versions;
import org.tradeoffs.command.input.CycleItems;
import org.tradeoffs.command.savings.Funds;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Tally;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDecided;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.events.tradeoff.Vote;
import org.tradeoffs.events.tradeoff.VoteCast;
import org.tradeoffs.events.tradeoff.VoteChanged;
import org.tradeoffs.events.tradeoff.VotingRulesChanged;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.tradeoffs.events.district.Role.DESIGN_TEAM;
import static org.tradeoffs.events.district.Role.STEERING_COMMITTEE;

/**
 * A resource-tradeoff package of a planning cycle: money put into approved priorities, funded from sized
 * savings opportunities and other revenue, with the stakeholder input it considered. The design team or
 * steering committee drafts and revises it, then submits it to the steering committee with fixed voting
 * rules; its eligible voters vote until the votes decide it, or a steering member closes the vote. An
 * approved package commits its funding on the opportunities in the same commit as the decision.
 *
 * <p>Drafting and revising check the items the package names through {@link CycleItems}; submission and
 * decisions need the current state of its priorities and opportunities, which {@link TradeoffCommandHandler}
 * loads into the same unit of work and hands in as a {@link Ledger}.
 */
@Aggregate
public class TradeoffPackage {

    enum Status { DRAFT, VOTING, APPROVED, REJECTED }

    @AggregateIdentifier
    private String tradeoffId;
    private String cycleId;
    private String districtId;
    private Status status;
    private int contentVersion;
    private PackageContent content;
    private int quorum;
    private Majority majority;
    private List<String> eligibleVoters = List.of();
    private final Map<String, Vote> votes = new HashMap<>();

    protected TradeoffPackage() {
    }

    @CommandHandler
    public TradeoffPackage(DraftTradeoff command, CycleItems items) {
        command.actor().require("draft tradeoff packages", DESIGN_TEAM, STEERING_COMMITTEE);
        requireValid(command.cycleId(), command.content(), items);
        apply(new TradeoffDrafted(command.tradeoffId(), command.cycleId(), command.districtId(), command.content(),
                command.actor().username()));
    }

    @CommandHandler
    public void handle(ReviseTradeoff command, CycleItems items) {
        requireInCycle(command.cycleId());
        command.actor().require("revise tradeoff packages", DESIGN_TEAM, STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        requireDraft("revised");
        if (command.content().equals(content)) {
            throw new ConflictingState("duplicate", "The draft already has exactly this content");
        }
        requireValid(cycleId, command.content(), items);
        apply(new TradeoffRevised(tradeoffId, cycleId, districtId, contentVersion + 1, command.content(),
                command.actor().username()));
    }

    /**
     * Puts the package to the vote of the steering members of now. Its priorities must be approved and its
     * opportunities must be able to fund it, as they are at this moment.
     */
    public void submit(SubmitTradeoff command, Ledger ledger) {
        requireInCycle(command.cycleId());
        command.actor().require("submit tradeoff packages", DESIGN_TEAM, STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        requireDraft("submitted");
        requireReachable(command.quorum(), command.steeringMembers().size());
        requireApprovedPriorities(ledger);
        requireFunding(ledger);
        apply(new TradeoffSubmitted(tradeoffId, cycleId, districtId, command.quorum(), command.majority(),
                command.steeringMembers().stream().distinct().sorted().toList(), command.actor().username()));
    }

    @CommandHandler
    public void handle(ChangeVotingRules command) {
        requireInCycle(command.cycleId());
        command.actor().require("change voting rules", DESIGN_TEAM, STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        requireVoting();
        if (!votes.isEmpty()) {
            throw new ConflictingState("voting-started", "Voting has started; its rules can no longer change");
        }
        requireReachable(command.quorum(), eligibleVoters.size());
        if (command.quorum() == quorum && command.majority() == majority) {
            throw new ConflictingState("duplicate", "These are the package's voting rules already");
        }
        apply(new VotingRulesChanged(tradeoffId, cycleId, districtId, command.quorum(), command.majority(),
                command.actor().username()));
    }

    /**
     * Records an eligible steering member's vote (or change of vote); when the votes now decide the package,
     * records the decision too, and an approval commits the funding.
     */
    public void castVote(CastVote command, Ledger ledger) {
        requireInCycle(command.cycleId());
        command.actor().require("vote on tradeoff packages", STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        requireVoting();
        String voter = command.actor().username();
        if (!eligibleVoters.contains(voter)) {
            throw new ConflictingState("not-eligible-voter", voter
                    + " was not on the steering committee when this package was submitted and may not vote on it");
        }
        Vote previous = votes.get(voter);
        if (previous == command.vote()) {
            throw new ConflictingState("duplicate", voter + " already voted " + previous + " on this package");
        }
        if (previous == null) {
            apply(new VoteCast(tradeoffId, cycleId, districtId, command.vote(), command.comment(), voter));
        } else {
            apply(new VoteChanged(tradeoffId, cycleId, districtId, previous, command.vote(), command.comment(), voter));
        }
        ballot().decided().ifPresent(outcome -> {
            apply(new TradeoffDecided(tradeoffId, cycleId, districtId, outcome, tally(), voter));
            if (outcome == Outcome.APPROVED) {
                commitFunding(ledger);
            }
        });
    }

    /** Ends the vote with the outcome of the votes so far; an approval commits the funding. */
    public void close(CloseTradeoff command, Ledger ledger) {
        requireInCycle(command.cycleId());
        command.actor().require("close votes on tradeoff packages", STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        requireVoting();
        Outcome outcome = ballot().closed();
        apply(new TradeoffClosed(tradeoffId, cycleId, districtId, outcome, tally(), command.rationale(),
                command.actor().username()));
        if (outcome == Outcome.APPROVED) {
            commitFunding(ledger);
        }
    }

    /** Every opportunity line must fit its opportunity now; the first that does not, in package order, is refused. */
    private void requireFunding(Ledger ledger) {
        List<Funding> lines = opportunityLines();
        Map<String, Funds> funds = inLoadOrder(lines.stream().map(Funding::opportunityId).toList(), ledger::fundsOf);
        lines.forEach(line -> funds.get(line.opportunityId()).require(line.amount()));
    }

    /** Every invested priority must be approved now: a priority reopened, rejected or withdrawn since is refused. */
    private void requireApprovedPriorities(Ledger ledger) {
        List<String> priorities = content.investments().stream().map(Investment::priorityId).toList();
        Map<String, Boolean> approved = inLoadOrder(priorities, ledger::isApproved);
        for (String priorityId : priorities) {
            if (!approved.get(priorityId)) {
                throw new ConflictingState("priority-not-approved",
                        "Priority " + priorityId + " is not approved; a package invests only in approved priorities");
            }
        }
    }

    /** An approval: the priorities must still be approved and every line must still fit, as they are now. */
    private void commitFunding(Ledger ledger) {
        requireApprovedPriorities(ledger);
        requireFunding(ledger);
        opportunityLines().forEach(line -> ledger.commit(line.opportunityId(), line.amount()));
    }

    /** The funding lines that take money from opportunities, in the package's order. */
    private List<Funding> opportunityLines() {
        return content.funding().stream().filter(line -> line.opportunityId() != null).toList();
    }

    /**
     * Asks about every id in id order, the order in which every command loads (and so locks) the aggregates of
     * one kind, so that two commands never wait for each other; the answers are then read in any order.
     */
    private static <T> Map<String, T> inLoadOrder(Collection<String> ids, Function<String, T> lookup) {
        Map<String, T> answers = new HashMap<>();
        ids.stream().distinct().sorted().forEach(id -> answers.put(id, lookup.apply(id)));
        return answers;
    }

    private Ballot ballot() {
        return new Ballot(quorum, majority, eligibleVoters.size(), tally());
    }

    private Tally tally() {
        int approve = 0;
        int reject = 0;
        int abstain = 0;
        for (Vote vote : votes.values()) {
            switch (vote) {
                case APPROVE -> approve++;
                case REJECT -> reject++;
                case ABSTAIN -> abstain++;
            }
        }
        return new Tally(approve, reject, abstain);
    }

    /** The content's own shape, then the items it names: inputs, priorities and opportunities of this cycle. */
    private static void requireValid(String cycleId, PackageContent content, CycleItems items) {
        if (content.investments().isEmpty()) {
            throw new InvalidField("investments", "must invest in at least one priority");
        }
        Set<String> invested = new LinkedHashSet<>();
        for (int i = 0; i < content.investments().size(); i++) {
            Investment investment = content.investments().get(i);
            requirePositive(investment.amount(), "investments[" + i + "].amount");
            if (!invested.add(investment.priorityId())) {
                throw new InvalidField("investments[" + i + "].priorityId",
                        "names a priority invested in earlier in this package");
            }
        }
        Set<String> funded = new LinkedHashSet<>();
        for (int i = 0; i < content.funding().size(); i++) {
            Funding line = content.funding().get(i);
            requirePositive(line.amount(), "funding[" + i + "].amount");
            if ((line.opportunityId() == null) == (line.description() == null)) {
                throw new InvalidField("funding[" + i + "]",
                        "must name either an opportunityId or a description of other revenue, not both");
            }
            if (line.opportunityId() != null && !funded.add(line.opportunityId())) {
                throw new InvalidField("funding[" + i + "].opportunityId",
                        "names an opportunity funding this package earlier");
            }
        }
        // inputs, priorities, opportunities: the order in which every command loads them
        requireAllOfCycle("stakeholder input", content.consideredInputs(), cycleId, items::isInput);
        requireAllOfCycle("priority", invested, cycleId, items::isPriority);
        requireAllOfCycle("opportunity", funded, cycleId, items::isOpportunity);
    }

    /** Every id must name an item of the cycle; the first that does not, as given, is refused. */
    private static void requireAllOfCycle(String kind, Collection<String> ids, String cycleId,
                                          BiPredicate<String, String> isOfCycle) {
        Map<String, Boolean> known = inLoadOrder(ids, id -> isOfCycle.test(cycleId, id));
        for (String id : ids) {
            if (!known.get(id)) {
                throw new ConflictingState("unknown-linked-item", "No " + kind + " " + id + " in this cycle");
            }
        }
    }

    private static void requirePositive(BigDecimal amount, String field) {
        if (amount == null || amount.signum() <= 0) {
            throw new InvalidField(field, "must be greater than 0");
        }
    }

    private static void requireReachable(int quorum, int voters) {
        if (quorum > voters) {
            throw new ConflictingState("quorum-unreachable", "A quorum of " + quorum + " cannot be reached with "
                    + voters + " eligible voter" + (voters == 1 ? "" : "s"));
        }
    }

    private void requireInCycle(String requestedCycle) {
        if (!cycleId.equals(requestedCycle)) {
            throw new UnknownItem("No tradeoff package " + tradeoffId + " in cycle " + requestedCycle);
        }
    }

    private void requireDraft(String change) {
        if (status != Status.DRAFT) {
            throw new ConflictingState("tradeoff-not-draft",
                    "This package is " + status + " and can no longer be " + change);
        }
    }

    private void requireVoting() {
        if (status != Status.VOTING) {
            throw new ConflictingState("tradeoff-not-voting", status == Status.DRAFT
                    ? "This package has not been submitted for a vote yet"
                    : "The vote on this package has ended: it was " + status);
        }
    }

    @EventSourcingHandler
    void on(TradeoffDrafted event) {
        tradeoffId = event.tradeoffId();
        cycleId = event.cycleId();
        districtId = event.districtId();
        status = Status.DRAFT;
        contentVersion = 1;
        content = event.content();
    }

    @EventSourcingHandler
    void on(TradeoffRevised event) {
        contentVersion = event.contentVersion();
        content = event.content();
    }

    @EventSourcingHandler
    void on(TradeoffSubmitted event) {
        status = Status.VOTING;
        quorum = event.quorum();
        majority = event.majority();
        eligibleVoters = List.copyOf(event.eligibleVoters());
    }

    @EventSourcingHandler
    void on(VotingRulesChanged event) {
        quorum = event.quorum();
        majority = event.majority();
    }

    @EventSourcingHandler
    void on(VoteCast event) {
        votes.put(event.actor(), event.vote());
    }

    @EventSourcingHandler
    void on(VoteChanged event) {
        votes.put(event.actor(), event.vote());
    }

    @EventSourcingHandler
    void on(TradeoffDecided event) {
        status = event.outcome() == Outcome.APPROVED ? Status.APPROVED : Status.REJECTED;
    }

    @EventSourcingHandler
    void on(TradeoffClosed event) {
        status = event.outcome() == Outcome.APPROVED ? Status.APPROVED : Status.REJECTED;
    }
}
