package org.tradeoffs.query.savings;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.query.projection.Amounts;

/**
 * The savings of a whole cycle at a glance, computed from its opportunities.
 *
 * @param byFocusArea all seven focus areas, in the order of {@link FocusArea}
 * @param totals low and high over opportunities in analysis with a current sizing; captured and committed over all
 * @param ranking opportunities in analysis with a sizing, by high descending, then ease descending, then number
 * @param owners everyone who owns an opportunity, by username
 * @param overdueMilestones milestones found overdue and still not done, by due date, then opportunity number
 * @param position global position of the last opportunity event applied to the cycle (0 before any)
 */
public record SavingsPipeline(
        String cycleId,
        Funnel funnel,
        List<FocusAreaSavings> byFocusArea,
        Totals totals,
        List<Ranked> ranking,
        List<Owner> owners,
        List<OverdueMilestone> overdueMilestones,
        long position) {

    /** @param workPlan in analysis and with an owner */
    public record Funnel(int listed, int notScreened, int screenedOut, int shallowDive, int deepDive, int workPlan) {
    }

    /**
     * @param inAnalysis the area's opportunities in a shallow or deep dive
     * @param low the current sizings' low of the area's opportunities in analysis
     * @param high likewise, their high
     * @param captured every capture of the area's opportunities, whatever their status now
     */
    public record FocusAreaSavings(FocusArea focusArea, String title, int inAnalysis, String low, String high,
                                   String captured) {
    }

    public record Totals(String low, String high, String captured, String committed) {

        /** Pipelines stored before funding could be committed read as nothing committed. */
        public Totals {
            committed = committed == null ? Amounts.ZERO : committed;
        }
    }

    /** @param rank 1 for the first of the ranking, then 2, 3, ... (ties are broken, never shared) */
    public record Ranked(String opportunityId, int number, String question, String low, String high, int ease,
                         int rank) {
    }

    /** @param opportunityIds by opportunity number */
    public record Owner(String username, List<String> opportunityIds) {
    }

    /** @param owner the opportunity's owner, or null */
    public record OverdueMilestone(String opportunityId, int number, String milestoneId, String title,
                                   LocalDate dueDate, String owner) {
    }

    /** An opportunity with its amounts read once (absent ones as zero), as the pipeline adds and ranks them. */
    private record Figures(OpportunitySummary summary, BigDecimal low, BigDecimal high, BigDecimal captured,
                           BigDecimal committed) {

        static final Comparator<Figures> RANKING = Comparator.comparing(Figures::high).reversed()
                .thenComparing(Comparator.comparing((Figures figures) -> figures.summary().ease()).reversed())
                .thenComparingInt(figures -> figures.summary().number());

        static Figures of(OpportunitySummary summary) {
            return new Figures(summary, Amounts.value(summary.low()), Amounts.value(summary.high()),
                    Amounts.value(summary.capturedToDate()), Amounts.value(summary.committed()));
        }

        boolean sized() {
            return summary.status().inAnalysis() && summary.high() != null;
        }
    }

    /** The same pipeline, as of another position. */
    SavingsPipeline at(long newPosition) {
        return new SavingsPipeline(cycleId, funnel, byFocusArea, totals, ranking, owners, overdueMilestones,
                newPosition);
    }

    static SavingsPipeline empty(String cycleId) {
        return of(cycleId, List.of(), 0);
    }

    /** The overdue milestones of one opportunity, as the pipeline lists them. */
    static List<OverdueMilestone> overdueMilestones(OpportunityDetail opportunity) {
        return opportunity.milestones().stream()
                .filter(milestone -> milestone.overdue() && !milestone.done())
                .map(milestone -> new OverdueMilestone(opportunity.id(), opportunity.number(), milestone.id(),
                        milestone.title(), milestone.dueDate(), opportunity.owner()))
                .toList();
    }

    static SavingsPipeline of(String cycleId, List<CycleEntry> entries, long position) {
        List<OpportunitySummary> all = entries.stream().map(CycleEntry::opportunity).toList();
        List<Figures> figures = all.stream().map(Figures::of).toList();
        List<Figures> ranked = figures.stream().filter(Figures::sized).sorted(Figures.RANKING).toList();

        Funnel funnel = new Funnel(all.size(), count(all, OpportunityStatus.NOT_SCREENED),
                count(all, OpportunityStatus.SCREENED_OUT), count(all, OpportunityStatus.SHALLOW_DIVE),
                count(all, OpportunityStatus.DEEP_DIVE),
                (int) all.stream().filter(summary -> summary.status().inAnalysis() && summary.owner() != null).count());

        List<FocusAreaSavings> byFocusArea = Arrays.stream(FocusArea.values()).map(area -> {
            List<Figures> inArea = figures.stream().filter(opportunity -> opportunity.summary().focusArea() == area)
                    .toList();
            List<Figures> sizedInArea = inArea.stream().filter(Figures::sized).toList();
            return new FocusAreaSavings(area, area.title(),
                    (int) inArea.stream().filter(opportunity -> opportunity.summary().status().inAnalysis()).count(),
                    sum(sizedInArea, Figures::low), sum(sizedInArea, Figures::high), sum(inArea, Figures::captured));
        }).toList();

        Totals totals = new Totals(sum(ranked, Figures::low), sum(ranked, Figures::high),
                sum(figures, Figures::captured), sum(figures, Figures::committed));

        List<Ranked> ranking = new ArrayList<>();
        for (Figures opportunity : ranked) {
            OpportunitySummary summary = opportunity.summary();
            ranking.add(new Ranked(summary.id(), summary.number(), summary.question(), summary.low(), summary.high(),
                    summary.ease(), ranking.size() + 1));
        }

        Map<String, List<String>> byOwner = new TreeMap<>();
        all.stream()
                .filter(summary -> summary.owner() != null)
                .sorted(Comparator.comparingInt(OpportunitySummary::number))
                .forEach(summary -> byOwner.computeIfAbsent(summary.owner(), owner -> new ArrayList<>())
                        .add(summary.id()));
        List<Owner> owners = byOwner.entrySet().stream()
                .map(entry -> new Owner(entry.getKey(), List.copyOf(entry.getValue())))
                .toList();

        List<OverdueMilestone> overdue = entries.stream()
                .flatMap(entry -> entry.overdueMilestones().stream())
                .sorted(Comparator.comparing(OverdueMilestone::dueDate)
                        .thenComparingInt(OverdueMilestone::number)
                        .thenComparing(OverdueMilestone::milestoneId))
                .toList();

        return new SavingsPipeline(cycleId, funnel, byFocusArea, totals, List.copyOf(ranking), owners, overdue,
                position);
    }

    private static int count(List<OpportunitySummary> summaries, OpportunityStatus status) {
        return (int) summaries.stream().filter(summary -> summary.status() == status).count();
    }

    private static String sum(List<Figures> figures, Function<Figures, BigDecimal> amount) {
        return Amounts.text(figures.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
