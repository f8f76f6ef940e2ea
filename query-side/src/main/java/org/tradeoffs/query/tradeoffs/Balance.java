package org.tradeoffs.query.tradeoffs;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.query.projection.Amounts;
import org.tradeoffs.query.tradeoffs.TradeoffCycle.OpportunityEntry;
import org.tradeoffs.query.tradeoffs.TradeoffCycle.PackageEntry;
import org.tradeoffs.query.tradeoffs.TradeoffCycle.PriorityEntry;
import org.tradeoffs.query.tradeoffs.TradeoffView.FundingLine;
import org.tradeoffs.query.tradeoffs.TradeoffView.InvestmentLine;

/**
 * Where a cycle's money stands: what approved packages invest, what savings they committed on the
 * cycle's opportunities, what other revenue they name, what was captured, and what is missing.
 *
 * @param approvedInvestments every investment of the approved packages
 * @param committedFunding every {@code FundingCommitted} on the cycle's opportunities (the opportunity funding
 *                         of approved packages); other revenue is not part of it
 * @param capturedSavings every capture on the cycle's opportunities
 * @param balance committedFunding plus otherRevenue minus approvedInvestments: what the approved packages found
 *                beyond what they spend (negative: they spend more than they found)
 * @param byFocusArea all seven focus areas, in the order of {@link FocusArea}
 * @param otherRevenue the approved packages' funding lines that name other revenue instead of an opportunity
 * @param unfundedPriorities approved priorities whose investments by approved packages fall short of their
 *                           estimated annual cost, in the order they were proposed
 * @param overCommitted opportunities with more committed than their current high estimate, by number
 * @param position global position of the last event applied to the cycle's balance (0 before any)
 */
public record Balance(
        String cycleId,
        String approvedInvestments,
        String committedFunding,
        String capturedSavings,
        String balance,
        List<FocusAreaBalance> byFocusArea,
        String otherRevenue,
        List<UnfundedPriority> unfundedPriorities,
        List<OverCommitted> overCommitted,
        long position) {

    public record FocusAreaBalance(FocusArea focusArea, String title, String committed, String captured) {
    }

    /** @param gap estimatedAnnualCost minus invested */
    public record UnfundedPriority(String priorityId, String title, String estimatedAnnualCost, String invested,
                                   String gap) {
    }

    /**
     * @param high the current high estimate ("0.00" if never sized)
     * @param excess committed minus high
     */
    public record OverCommitted(String opportunityId, int number, String high, String committed, String excess) {
    }

    static Balance empty(String cycleId) {
        return of(cycleId, TradeoffCycle.empty(), 0);
    }

    static Balance of(String cycleId, TradeoffCycle cycle, long position) {
        List<PackageEntry> approved = cycle.packages().stream()
                .filter(entry -> entry.status() == TradeoffView.Status.APPROVED)
                .toList();
        Map<String, BigDecimal> invested = new HashMap<>();
        BigDecimal approvedInvestments = BigDecimal.ZERO;
        BigDecimal otherRevenue = BigDecimal.ZERO;
        for (PackageEntry entry : approved) {
            for (InvestmentLine line : entry.investments()) {
                invested.merge(line.priorityId(), Amounts.value(line.amount()), BigDecimal::add);
                approvedInvestments = approvedInvestments.add(Amounts.value(line.amount()));
            }
            for (FundingLine line : entry.funding()) {
                if (line.opportunityId() == null) {
                    otherRevenue = otherRevenue.add(Amounts.value(line.amount()));
                }
            }
        }
        BigDecimal committedFunding = sum(cycle.opportunities(), OpportunityEntry::committed);

        List<FocusAreaBalance> byFocusArea = Arrays.stream(FocusArea.values()).map(area -> {
            List<OpportunityEntry> inArea = cycle.opportunities().stream()
                    .filter(opportunity -> opportunity.focusArea() == area)
                    .toList();
            return new FocusAreaBalance(area, area.title(), Amounts.text(sum(inArea, OpportunityEntry::committed)),
                    Amounts.text(sum(inArea, OpportunityEntry::captured)));
        }).toList();

        List<UnfundedPriority> unfunded = cycle.priorities().stream()
                .filter(priority -> priority.status() == PriorityEntry.Status.APPROVED)
                .filter(priority -> invested.getOrDefault(priority.priorityId(), BigDecimal.ZERO)
                        .compareTo(Amounts.value(priority.estimatedAnnualCost())) < 0)
                .map(priority -> {
                    BigDecimal cost = Amounts.value(priority.estimatedAnnualCost());
                    BigDecimal funded = invested.getOrDefault(priority.priorityId(), BigDecimal.ZERO);
                    return new UnfundedPriority(priority.priorityId(), priority.title(), Amounts.text(cost),
                            Amounts.text(funded), Amounts.text(cost.subtract(funded)));
                })
                .toList();

        List<OverCommitted> overCommitted = cycle.opportunities().stream()
                .filter(opportunity -> Amounts.value(opportunity.committed())
                        .compareTo(Amounts.value(opportunity.high())) > 0)
                .map(opportunity -> {
                    BigDecimal high = Amounts.value(opportunity.high());
                    BigDecimal over = Amounts.value(opportunity.committed());
                    return new OverCommitted(opportunity.opportunityId(), opportunity.number(), Amounts.text(high),
                            Amounts.text(over), Amounts.text(over.subtract(high)));
                })
                .toList();

        return new Balance(cycleId, Amounts.text(approvedInvestments), Amounts.text(committedFunding),
                Amounts.text(sum(cycle.opportunities(), OpportunityEntry::captured)),
                Amounts.text(committedFunding.add(otherRevenue).subtract(approvedInvestments)), byFocusArea,
                Amounts.text(otherRevenue), unfunded, overCommitted, position);
    }

    private static BigDecimal sum(List<OpportunityEntry> opportunities,
            Function<OpportunityEntry, String> amount) {
        return opportunities.stream()
                .map(opportunity -> Amounts.value(amount.apply(opportunity)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
