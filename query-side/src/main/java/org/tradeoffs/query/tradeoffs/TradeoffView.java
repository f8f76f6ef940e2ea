package org.tradeoffs.query.tradeoffs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.tradeoffs.events.input.StakeholderGroup;
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
import org.tradeoffs.query.projection.Amounts;

/**
 * A resource-tradeoff package from draft to decision: its current content, every earlier version, the
 * voting rules, every vote with its changes, and the decision. Amounts are exact decimals in plain
 * notation with at least two decimals; the priorities' titles are their current ones.
 *
 * @param contentVersion 1 when drafted, then 2, 3, ... with each revision
 * @param totals what the current content invests and funds, and funding minus investments
 * @param rules null until submitted
 * @param votes one per voter in the order they first voted, each with its current vote
 * @param decision null until decided or closed
 * @param versions every drafted and revised content, oldest first (the last one is the current content)
 * @param version the package aggregate's version (number of its events so far)
 * @param position global position of the package's last event
 */
public record TradeoffView(
        String id,
        String cycleId,
        String title,
        String narrative,
        Status status,
        int contentVersion,
        List<InvestmentLine> investments,
        List<FundingLine> funding,
        Totals totals,
        List<ConsideredInput> consideredInputs,
        Rules rules,
        List<VoteView> votes,
        Decision decision,
        List<Version> versions,
        String draftedBy,
        Instant draftedAt,
        long version,
        long position) {

    public enum Status { DRAFT, VOTING, APPROVED, REJECTED }

    /** @param title the priority's current title (its id if never seen) */
    public record InvestmentLine(String priorityId, String title, String amount) {
    }

    /**
     * Money from a savings opportunity ({@code opportunityId} and its {@code number}) or from other revenue
     * ({@code description}); the other fields are null.
     */
    public record FundingLine(String opportunityId, Integer number, String description, String amount) {
    }

    /** @param balance funding minus investments; negative when the package funds less than it invests */
    public record Totals(String investments, String funding, String balance) {
    }

    /** An input the package considered, as it reads now (after any correction); null fields if never seen. */
    public record ConsideredInput(String inputId, String summary, StakeholderGroup group, Integer respondents) {
    }

    /** @param eligibleVoters the steering members at submission */
    public record Rules(int quorum, Majority majority, List<String> eligibleVoters) {
    }

    /**
     * A steering member's vote as it stands.
     *
     * @param vote the current vote
     * @param comment the comment given with the current vote, {@code ""} when none
     * @param at when the current vote was cast
     * @param changes every change of this member's vote, oldest first
     */
    public record VoteView(String voter, Vote vote, String comment, Instant at, List<VoteChange> changes) {
    }

    /** @param comment the comment given with the change, {@code ""} when none */
    public record VoteChange(Vote from, Vote to, String comment, Instant at) {
    }

    /**
     * @param rationale why the steering member closed the vote; null when the votes decided
     * @param closedBy the steering member who closed the vote; null when the votes decided
     */
    public record Decision(Outcome outcome, TallyView tally, String rationale, String closedBy, Instant decidedAt) {
    }

    public record TallyView(int approve, int reject, int abstain) {

        static TallyView of(Tally tally) {
            return new TallyView(tally.approve(), tally.reject(), tally.abstain());
        }
    }

    /** One drafted or revised content of the package. */
    public record Version(int contentVersion, String title, String narrative, List<InvestmentLine> investments,
                          List<FundingLine> funding, String by, Instant at) {
    }

    /** What a package's lines name, as the projection knows it now. */
    interface Names {

        /** The priority's current title, or its id when unknown. */
        String priorityTitle(String priorityId);

        /** The opportunity's number, or null. */
        Integer opportunityNumber(String opportunityId);
    }

    static TradeoffView drafted(TradeoffDrafted event, Stamp stamp, Names names,
            Map<String, ConsideredInput> inputs) {
        Version first = version(1, event.content(), event.actor(), stamp.time(), names);
        return new TradeoffView(event.tradeoffId(), event.cycleId(), first.title(), first.narrative(), Status.DRAFT,
                1, first.investments(), first.funding(), totals(first), considered(event.content(), inputs), null,
                List.of(), null, List.of(first), event.actor(), stamp.time(), stamp.version(), stamp.position());
    }

    TradeoffView revised(TradeoffRevised event, Stamp stamp, Names names, Map<String, ConsideredInput> inputs) {
        Version next = version(event.contentVersion(), event.content(), event.actor(), stamp.time(), names);
        List<Version> history = new ArrayList<>(versions);
        history.add(next);
        return new TradeoffView(id, cycleId, next.title(), next.narrative(), status, next.contentVersion(),
                next.investments(), next.funding(), totals(next), considered(event.content(), inputs), rules, votes,
                decision, List.copyOf(history), draftedBy, draftedAt, stamp.version(), stamp.position());
    }

    TradeoffView submitted(TradeoffSubmitted event, Stamp stamp) {
        return withVoting(Status.VOTING, new Rules(event.quorum(), event.majority(),
                event.eligibleVoters().stream().sorted().toList()), votes, decision, stamp);
    }

    TradeoffView rulesChanged(VotingRulesChanged event, Stamp stamp) {
        List<String> voters = rules == null ? List.of() : rules.eligibleVoters();
        return withVoting(status, new Rules(event.quorum(), event.majority(), voters), votes, decision, stamp);
    }

    TradeoffView voted(VoteCast event, Stamp stamp) {
        List<VoteView> updated = new ArrayList<>(votes);
        updated.removeIf(vote -> vote.voter().equals(event.actor()));
        updated.add(new VoteView(event.actor(), event.vote(), text(event.comment()), stamp.time(), List.of()));
        return withVoting(status, rules, List.copyOf(updated), decision, stamp);
    }

    TradeoffView voteChanged(VoteChanged event, Stamp stamp) {
        VoteChange change = new VoteChange(event.previousVote(), event.vote(), text(event.comment()), stamp.time());
        List<VoteView> updated = new ArrayList<>();
        boolean found = false;
        for (VoteView vote : votes) {
            if (vote.voter().equals(event.actor())) {
                List<VoteChange> changes = new ArrayList<>(vote.changes());
                changes.add(change);
                updated.add(new VoteView(vote.voter(), event.vote(), change.comment(), stamp.time(),
                        List.copyOf(changes)));
                found = true;
            } else {
                updated.add(vote);
            }
        }
        if (!found) {
            updated.add(new VoteView(event.actor(), event.vote(), change.comment(), stamp.time(), List.of(change)));
        }
        return withVoting(status, rules, List.copyOf(updated), decision, stamp);
    }

    TradeoffView decided(TradeoffDecided event, Stamp stamp) {
        return withVoting(status(event.outcome()), rules, votes,
                new Decision(event.outcome(), TallyView.of(event.tally()), null, null, stamp.time()), stamp);
    }

    TradeoffView closed(TradeoffClosed event, Stamp stamp) {
        return withVoting(status(event.outcome()), rules, votes, new Decision(event.outcome(),
                TallyView.of(event.tally()), event.rationale(), event.actor(), stamp.time()), stamp);
    }

    /** The same package with its investments (current and earlier versions) titled as the names say now. */
    TradeoffView retitled(Names names) {
        Function<List<InvestmentLine>, List<InvestmentLine>> retitle = lines -> lines.stream()
                .map(line -> new InvestmentLine(line.priorityId(), names.priorityTitle(line.priorityId()),
                        line.amount()))
                .toList();
        List<Version> retitledVersions = versions.stream()
                .map(old -> new Version(old.contentVersion(), old.title(), old.narrative(),
                        retitle.apply(old.investments()), old.funding(), old.by(), old.at()))
                .toList();
        return new TradeoffView(id, cycleId, title, narrative, status, contentVersion, retitle.apply(investments),
                funding, totals, consideredInputs, rules, votes, decision, retitledVersions, draftedBy, draftedAt,
                version, position);
    }

    /** The same package with its considered inputs as they read now. */
    TradeoffView withInputs(Map<String, ConsideredInput> inputs) {
        List<ConsideredInput> refreshed = consideredInputs.stream()
                .map(input -> inputs.getOrDefault(input.inputId(), input))
                .toList();
        return new TradeoffView(id, cycleId, title, narrative, status, contentVersion, investments, funding, totals,
                refreshed, rules, votes, decision, versions, draftedBy, draftedAt, version, position);
    }

    /** Every priority that the package invests in now or did in an earlier version. */
    SortedSet<String> referencedPriorityIds() {
        SortedSet<String> ids = new TreeSet<>();
        versions.forEach(old -> old.investments().forEach(line -> ids.add(line.priorityId())));
        return ids;
    }

    List<String> consideredInputIds() {
        return consideredInputs.stream().map(ConsideredInput::inputId).toList();
    }

    private TradeoffView withVoting(Status newStatus, Rules newRules, List<VoteView> newVotes, Decision newDecision,
            Stamp stamp) {
        return new TradeoffView(id, cycleId, title, narrative, newStatus, contentVersion, investments, funding, totals,
                consideredInputs, newRules, newVotes, newDecision, versions, draftedBy, draftedAt, stamp.version(),
                stamp.position());
    }

    private static Status status(Outcome outcome) {
        return outcome == Outcome.APPROVED ? Status.APPROVED : Status.REJECTED;
    }

    private static Version version(int contentVersion, PackageContent content, String by, Instant at, Names names) {
        List<InvestmentLine> investments = content.investments().stream()
                .map(investment -> new InvestmentLine(investment.priorityId(),
                        names.priorityTitle(investment.priorityId()), Amounts.text(investment.amount())))
                .toList();
        List<FundingLine> funding = content.funding().stream()
                .map(line -> new FundingLine(line.opportunityId(),
                        line.opportunityId() == null ? null : names.opportunityNumber(line.opportunityId()),
                        line.opportunityId() == null ? line.description() : null, Amounts.text(line.amount())))
                .toList();
        return new Version(contentVersion, content.title(), text(content.narrative()), investments, funding, by, at);
    }

    /** Optional free text as the views show it: {@code ""} when none was given. */
    private static String text(String optional) {
        return optional == null ? "" : optional;
    }

    private static Totals totals(Version version) {
        BigDecimal invested = sum(version.investments().stream().map(InvestmentLine::amount).toList());
        BigDecimal funded = sum(version.funding().stream().map(FundingLine::amount).toList());
        return new Totals(Amounts.text(invested), Amounts.text(funded), Amounts.text(funded.subtract(invested)));
    }

    private static BigDecimal sum(List<String> amounts) {
        return amounts.stream().map(Amounts::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<ConsideredInput> considered(PackageContent content, Map<String, ConsideredInput> inputs) {
        return content.consideredInputs().stream()
                .map(inputId -> inputs.getOrDefault(inputId, new ConsideredInput(inputId, null, null, null)))
                .toList();
    }
}
