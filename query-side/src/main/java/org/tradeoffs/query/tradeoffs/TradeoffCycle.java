package org.tradeoffs.query.tradeoffs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Predicate;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.query.tradeoffs.TradeoffView.FundingLine;
import org.tradeoffs.query.tradeoffs.TradeoffView.InvestmentLine;

/**
 * The stored shape of {@code tradeoff_cycles}: what the cycle's balance is computed from, so that it is
 * recomputed on every event from this one document, and what titles the packages' lines.
 *
 * @param packages every package of the cycle, in the order they were drafted
 * @param priorities the priorities the balance or the packages need, in the order they were proposed: the approved
 *                   ones and those any package invested in (every priority's entry is in {@code tradeoff_priorities},
 *                   so that proposing one does not rewrite this document)
 * @param opportunities every opportunity of the cycle, by number
 * @param balance the balance computed from the above
 */
record TradeoffCycle(List<PackageEntry> packages, List<PriorityEntry> priorities,
                     List<OpportunityEntry> opportunities, Balance balance) implements TradeoffView.Names {

    /**
     * What the balance and the lists need of a package.
     *
     * @param investments the current content's (titles not kept here)
     * @param funding the current content's
     * @param referencedPriorityIds the priorities any version invested in, to retitle on a rename (sorted, so that
     *                              the stored array does not depend on whether the entry was read back)
     * @param consideredInputs the inputs the current content lists, to refresh on a correction
     * @param position global position of the package's last event
     */
    record PackageEntry(String tradeoffId, TradeoffView.Status status, List<InvestmentLine> investments,
                        List<FundingLine> funding, SortedSet<String> referencedPriorityIds, List<String> consideredInputs,
                        long draftedPosition, long position) {

        static PackageEntry of(TradeoffView view, PackageEntry previous) {
            List<InvestmentLine> investments = view.investments().stream()
                    .map(line -> new InvestmentLine(line.priorityId(), null, line.amount()))
                    .toList();
            return new PackageEntry(view.id(), view.status(), investments, view.funding(),
                    view.referencedPriorityIds(), view.consideredInputIds(),
                    previous == null ? view.position() : previous.draftedPosition(), view.position());
        }
    }

    /**
     * What the balance and the packages' lines need of a priority.
     *
     * @param position global position of its last event applied here
     */
    record PriorityEntry(String priorityId, String title, Status status, String estimatedAnnualCost,
                         long proposedPosition, long position) {

        enum Status { PROPOSED, WITHDRAWN, APPROVED, REJECTED }
    }

    /**
     * What the balance and the packages' lines need of an opportunity.
     *
     * @param high the current sizing's high, null before the first
     * @param committed what approved packages committed of it
     * @param captured every capture
     * @param position global position of its last event applied here
     */
    record OpportunityEntry(String opportunityId, int number, String question, FocusArea focusArea, String high,
                            String committed, String captured, long position) {
    }

    static TradeoffCycle empty() {
        return new TradeoffCycle(List.of(), List.of(), List.of(), null);
    }

    @Override
    public String priorityTitle(String priorityId) {
        return priority(priorityId).map(PriorityEntry::title).orElse(priorityId);
    }

    @Override
    public Integer opportunityNumber(String opportunityId) {
        return opportunity(opportunityId).map(OpportunityEntry::number).orElse(null);
    }

    Optional<PackageEntry> tradeoff(String tradeoffId) {
        return packages.stream().filter(entry -> entry.tradeoffId().equals(tradeoffId)).findFirst();
    }

    /** Whether the balance or a package needs the priority here: it is approved, or a package invested in it. */
    boolean needs(PriorityEntry priority) {
        return priority.status() == PriorityEntry.Status.APPROVED || packages.stream()
                .anyMatch(entry -> entry.referencedPriorityIds().contains(priority.priorityId()));
    }

    Optional<PriorityEntry> priority(String priorityId) {
        return priorities.stream().filter(entry -> entry.priorityId().equals(priorityId)).findFirst();
    }

    Optional<OpportunityEntry> opportunity(String opportunityId) {
        return opportunities.stream().filter(entry -> entry.opportunityId().equals(opportunityId)).findFirst();
    }

    /** The packages that left DRAFT, newest first: by the position of their last event, descending. */
    List<String> decisionIds() {
        return packages.stream()
                .filter(entry -> entry.status() != TradeoffView.Status.DRAFT)
                .sorted(Comparator.comparingLong(PackageEntry::position).reversed())
                .map(PackageEntry::tradeoffId)
                .toList();
    }

    List<String> tradeoffIds(Predicate<PackageEntry> filter) {
        return packages.stream().filter(filter).map(PackageEntry::tradeoffId).toList();
    }

    TradeoffCycle withPackage(String cycleId, TradeoffView view, long position) {
        List<PackageEntry> updated = new ArrayList<>(packages);
        PackageEntry previous = tradeoff(view.id()).orElse(null);
        updated.removeIf(entry -> entry.tradeoffId().equals(view.id()));
        updated.add(PackageEntry.of(view, previous));
        updated.sort(Comparator.comparingLong(PackageEntry::draftedPosition));
        return recomputed(cycleId, List.copyOf(updated), priorities, opportunities, position);
    }

    TradeoffCycle withPriority(String cycleId, PriorityEntry priority, long position) {
        List<PriorityEntry> updated = new ArrayList<>(priorities);
        updated.removeIf(entry -> entry.priorityId().equals(priority.priorityId()));
        updated.add(priority);
        updated.sort(Comparator.comparingLong(PriorityEntry::proposedPosition));
        return recomputed(cycleId, packages, List.copyOf(updated), opportunities, position);
    }

    /** The cycle without the priority: it no longer needs it (see {@link #needs}). */
    TradeoffCycle withoutPriority(String cycleId, String priorityId, long position) {
        List<PriorityEntry> updated = new ArrayList<>(priorities);
        updated.removeIf(entry -> entry.priorityId().equals(priorityId));
        return recomputed(cycleId, packages, List.copyOf(updated), opportunities, position);
    }

    /** The cycle with these priorities too (those it has already stay as they are); the balance is not recomputed. */
    TradeoffCycle withPrioritiesToTitle(Collection<PriorityEntry> added) {
        List<PriorityEntry> updated = new ArrayList<>(priorities);
        added.stream().filter(entry -> priority(entry.priorityId()).isEmpty()).forEach(updated::add);
        updated.sort(Comparator.comparingLong(PriorityEntry::proposedPosition));
        return new TradeoffCycle(packages, List.copyOf(updated), opportunities, balance);
    }

    TradeoffCycle withOpportunity(String cycleId, OpportunityEntry opportunity, long position) {
        List<OpportunityEntry> updated = new ArrayList<>(opportunities);
        updated.removeIf(entry -> entry.opportunityId().equals(opportunity.opportunityId()));
        updated.add(opportunity);
        updated.sort(Comparator.comparingInt(OpportunityEntry::number).thenComparing(OpportunityEntry::opportunityId));
        return recomputed(cycleId, packages, priorities, List.copyOf(updated), position);
    }

    /** The balance's position never goes back, so a redone event cannot make it look older. */
    private TradeoffCycle recomputed(String cycleId, List<PackageEntry> newPackages,
            List<PriorityEntry> newPriorities, List<OpportunityEntry> newOpportunities, long position) {
        long latest = balance == null ? position : Math.max(position, balance.position());
        TradeoffCycle next = new TradeoffCycle(newPackages, newPriorities, newOpportunities, null);
        return new TradeoffCycle(newPackages, newPriorities, newOpportunities, Balance.of(cycleId, next, latest));
    }
}
