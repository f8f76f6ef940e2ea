package org.tradeoffs.query.savings;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.tradeoffs.events.savings.BudgetLineAdded;
import org.tradeoffs.events.savings.ConstraintKind;
import org.tradeoffs.events.savings.ConstraintRecorded;
import org.tradeoffs.events.savings.CostDriverAdded;
import org.tradeoffs.events.savings.DriverAdjustment;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.MilestoneCompleted;
import org.tradeoffs.events.savings.MilestoneOverdue;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.OwnerAssigned;
import org.tradeoffs.events.savings.RenegotiationWindowOpened;
import org.tradeoffs.events.savings.SavingsCaptured;
import org.tradeoffs.events.savings.ScreeningDecision;
import org.tradeoffs.events.savings.Trend;
import org.tradeoffs.query.projection.Amounts;

/**
 * One opportunity with everything the five analysis steps recorded. The first fields are those of
 * {@link OpportunitySummary}; {@code low}, {@code high}, {@code ease}, {@code capturedToDate},
 * {@code budgetTree} and {@code currentSizing} are derived from the lists, never set on their own.
 * Amounts are exact decimals in plain notation with at least two decimals.
 *
 * @param committed what approved tradeoff packages committed of the savings ({@code FundingCommitted}), summed
 * @param screenings oldest first
 * @param budgetTree a node per path prefix of the budget lines, totals and FTEs rolled up
 * @param currentSizing the latest sizing, or null before the first
 * @param sizingHistory every sizing, oldest first, the current one last
 * @param updatedAt time of the opportunity's last event
 */
public record OpportunityDetail(
        String id,
        String cycleId,
        int number,
        FocusArea focusArea,
        String focusAreaTitle,
        String question,
        boolean catalog,
        OpportunityStatus status,
        String low,
        String high,
        Integer ease,
        String owner,
        String capturedToDate,
        String committed,
        long version,
        long position,
        List<Screening> screenings,
        List<BudgetLine> budgetLines,
        BudgetNode budgetTree,
        List<Driver> drivers,
        List<Constraint> constraints,
        Sizing currentSizing,
        List<Sizing> sizingHistory,
        List<Milestone> milestones,
        List<Capture> captures,
        Instant updatedAt) {

    /** Details stored before funding could be committed read as nothing committed. */
    public OpportunityDetail {
        committed = committed == null ? Amounts.ZERO : committed;
    }

    public record Screening(ScreeningDecision decision, String reason, String by, Instant at) {
    }

    /** @param fte full-time equivalents on the line, or null */
    public record BudgetLine(String id, List<String> path, String annualAmount, String fte) {
    }

    /**
     * A prefix of budget-line paths.
     *
     * @param total the annual amounts of every line at or below this node
     * @param fte the FTEs of every line at or below this node, null when none of them has one
     * @param children ordered by name
     * @param lineIds the lines whose path ends exactly here
     */
    public record BudgetNode(String name, String total, String fte, List<BudgetNode> children, List<String> lineIds) {

        static final String ROOT = "All";
    }

    /** @param annualCost quantity x unitCost */
    public record Driver(String id, String name, String unit, String quantity, String unitCost, String annualCost,
                         Trend trend, String budgetLineId) {
    }

    /** @param windowOpenedAt when the follow-up recorded that the renegotiation date arrived, or null */
    public record Constraint(String id, ConstraintKind kind, boolean rigid, String description,
                             LocalDate renegotiationDate, boolean windowOpened, Instant windowOpenedAt) {
    }

    /**
     * One sizing of the opportunity.
     *
     * @param lowChange low minus the previous sizing's low, null for the first sizing
     * @param highChange high minus the previous sizing's high, null for the first sizing
     */
    public record Sizing(String id, String low, String high, int ease, String notes, List<Adjustment> adjustments,
                         String sizedBy, Instant sizedAt, String lowChange, String highChange) {
    }

    /** A {@link DriverAdjustment} with its figures as strings (null when not given) and the driver's name. */
    public record Adjustment(String driverId, String driverName, String currentQuantity, String currentUnitCost,
                             String conservativeQuantity, String ambitiousQuantity, String conservativeUnitCost,
                             String ambitiousUnitCost) {
    }

    /**
     * @param overdue the follow-up found it past due while not done ({@code MilestoneOverdue}); it stays true
     *                once done, so a late completion remains visible (the pipeline lists only those not done)
     */
    public record Milestone(String id, String title, LocalDate dueDate, boolean done, Instant doneAt,
                            boolean overdue) {
    }

    public record Capture(String id, String amount, LocalDate capturedOn, String note, String recordedBy,
                          Instant recordedAt) {
    }

    static OpportunityDetail listed(OpportunityListed event, Stamp stamp) {
        return new Draft(event, stamp).build();
    }

    /** The opportunity after an event that is not its listing. */
    OpportunityDetail evolve(OpportunityEvent event, Stamp stamp) {
        Draft draft = new Draft(this, stamp);
        if (event instanceof OpportunityScreened screened) {
            draft.status = OpportunityStatus.of(screened.decision());
            draft.screenings.add(new Screening(screened.decision(), screened.reason(), screened.actor(), stamp.time()));
        } else if (event instanceof BudgetLineAdded added) {
            draft.budgetLines.add(new BudgetLine(added.budgetLineId(), List.copyOf(added.path()),
                    Amounts.text(added.annualAmount()), Amounts.text(added.fte())));
        } else if (event instanceof CostDriverAdded added) {
            draft.drivers.add(new Driver(added.driverId(), added.name(), added.unit(), Amounts.text(added.quantity()),
                    Amounts.text(added.unitCost()), Amounts.text(added.quantity().multiply(added.unitCost())),
                    added.trend(), added.budgetLineId()));
        } else if (event instanceof ConstraintRecorded recorded) {
            draft.constraints.add(new Constraint(recorded.constraintId(), recorded.kind(), recorded.rigid(),
                    recorded.description(), recorded.renegotiationDate(), false, null));
        } else if (event instanceof OpportunitySized sized) {
            draft.sizingHistory.add(sizing(sized, stamp.time()));
        } else if (event instanceof OwnerAssigned assigned) {
            draft.owner = assigned.owner();
        } else if (event instanceof MilestoneAdded added) {
            draft.milestones.add(
                    new Milestone(added.milestoneId(), added.title(), added.dueDate(), false, null, false));
        } else if (event instanceof MilestoneCompleted completed) {
            draft.replaceMilestone(completed.milestoneId(), milestone -> milestone.done() ? milestone
                    : new Milestone(milestone.id(), milestone.title(), milestone.dueDate(), true, stamp.time(),
                            milestone.overdue()));
        } else if (event instanceof MilestoneOverdue overdue) {
            draft.replaceMilestone(overdue.milestoneId(), milestone -> milestone.done() ? milestone
                    : new Milestone(milestone.id(), milestone.title(), milestone.dueDate(), false, null, true));
        } else if (event instanceof SavingsCaptured captured) {
            draft.captures.add(new Capture(captured.captureId(), Amounts.text(captured.amount()),
                    captured.capturedOn(), captured.note(), captured.actor(), stamp.time()));
        } else if (event instanceof FundingCommitted funding) {
            draft.committed = draft.committed.add(funding.amount());
        } else if (event instanceof RenegotiationWindowOpened opened) {
            draft.replaceConstraint(opened.constraintId(), constraint -> constraint.windowOpened() ? constraint
                    : new Constraint(constraint.id(), constraint.kind(), constraint.rigid(), constraint.description(),
                            constraint.renegotiationDate(), true, stamp.time()));
        } else if (!(event instanceof OpportunityListed)) {
            throw new IllegalArgumentException("Unhandled opportunity event " + event.getClass().getName());
        }
        return draft.build();
    }

    public OpportunitySummary summary() {
        return new OpportunitySummary(id, cycleId, number, focusArea, focusAreaTitle, question, catalog, status, low,
                high, ease, owner, capturedToDate, committed, version, position);
    }

    private Sizing sizing(OpportunitySized sized, Instant time) {
        List<Adjustment> adjustments = sized.adjustments().stream()
                .map(adjustment -> new Adjustment(adjustment.driverId(), driverName(adjustment.driverId()),
                        Amounts.text(adjustment.currentQuantity()), Amounts.text(adjustment.currentUnitCost()),
                        Amounts.text(adjustment.conservativeQuantity()), Amounts.text(adjustment.ambitiousQuantity()),
                        Amounts.text(adjustment.conservativeUnitCost()), Amounts.text(adjustment.ambitiousUnitCost())))
                .toList();
        String low = Amounts.text(sized.low());
        String high = Amounts.text(sized.high());
        String lowChange = currentSizing == null ? null
                : Amounts.text(sized.low().subtract(Amounts.value(currentSizing.low())));
        String highChange = currentSizing == null ? null
                : Amounts.text(sized.high().subtract(Amounts.value(currentSizing.high())));
        return new Sizing(sized.sizingId(), low, high, sized.ease(), sized.notes(), adjustments, sized.actor(), time,
                lowChange, highChange);
    }

    /** Null for a driver this opportunity never recorded (the command side does not let that happen). */
    private String driverName(String driverId) {
        return drivers.stream().filter(driver -> driver.id().equals(driverId)).map(Driver::name).findFirst()
                .orElse(null);
    }

    /** The budget tree of the lines: every node rolls up the lines below it. */
    static BudgetNode budgetTree(List<BudgetLine> lines) {
        TreeBuilder root = new TreeBuilder(BudgetNode.ROOT);
        for (BudgetLine line : lines) {
            TreeBuilder node = root;
            root.add(line);
            for (String segment : line.path()) {
                node = node.child(segment);
                node.add(line);
            }
            node.lineIds.add(line.id());
        }
        return root.build();
    }

    private static final class TreeBuilder {
        private static final Comparator<String> BY_NAME =
                Comparator.comparing((String name) -> name.toLowerCase(Locale.ROOT)).thenComparing(name -> name);

        private final String name;
        private final Map<String, TreeBuilder> children = new TreeMap<>(BY_NAME);
        private final List<String> lineIds = new ArrayList<>();
        private BigDecimal total = BigDecimal.ZERO;
        private BigDecimal fte;

        private TreeBuilder(String name) {
            this.name = name;
        }

        TreeBuilder child(String segment) {
            return children.computeIfAbsent(segment, TreeBuilder::new);
        }

        void add(BudgetLine line) {
            total = total.add(Amounts.value(line.annualAmount()));
            if (line.fte() != null) {
                fte = (fte == null ? BigDecimal.ZERO : fte).add(Amounts.value(line.fte()));
            }
        }

        BudgetNode build() {
            return new BudgetNode(name, Amounts.text(total), Amounts.text(fte),
                    children.values().stream().map(TreeBuilder::build).toList(), List.copyOf(lineIds));
        }
    }

    /** The mutable working copy an event changes; {@link #build} derives the computed fields. */
    private static final class Draft {
        private final String id;
        private final String cycleId;
        private final int number;
        private final FocusArea focusArea;
        private final String question;
        private final boolean catalog;
        private final Stamp stamp;
        private OpportunityStatus status;
        private String owner;
        private BigDecimal committed;
        private final List<Screening> screenings;
        private final List<BudgetLine> budgetLines;
        private final List<Driver> drivers;
        private final List<Constraint> constraints;
        private final List<Sizing> sizingHistory;
        private final List<Milestone> milestones;
        private final List<Capture> captures;

        Draft(OpportunityListed listed, Stamp stamp) {
            this.id = listed.opportunityId();
            this.cycleId = listed.cycleId();
            this.number = listed.number();
            this.focusArea = listed.focusArea();
            this.question = listed.question();
            this.catalog = listed.catalog();
            this.stamp = stamp;
            this.status = OpportunityStatus.NOT_SCREENED;
            this.committed = BigDecimal.ZERO;
            this.screenings = new ArrayList<>();
            this.budgetLines = new ArrayList<>();
            this.drivers = new ArrayList<>();
            this.constraints = new ArrayList<>();
            this.sizingHistory = new ArrayList<>();
            this.milestones = new ArrayList<>();
            this.captures = new ArrayList<>();
        }

        Draft(OpportunityDetail view, Stamp stamp) {
            this.id = view.id();
            this.cycleId = view.cycleId();
            this.number = view.number();
            this.focusArea = view.focusArea();
            this.question = view.question();
            this.catalog = view.catalog();
            this.stamp = stamp;
            this.status = view.status();
            this.owner = view.owner();
            this.committed = Amounts.value(view.committed());
            this.screenings = new ArrayList<>(view.screenings());
            this.budgetLines = new ArrayList<>(view.budgetLines());
            this.drivers = new ArrayList<>(view.drivers());
            this.constraints = new ArrayList<>(view.constraints());
            this.sizingHistory = new ArrayList<>(view.sizingHistory());
            this.milestones = new ArrayList<>(view.milestones());
            this.captures = new ArrayList<>(view.captures());
        }

        void replaceMilestone(String milestoneId, UnaryOperator<Milestone> change) {
            milestones.replaceAll(
                    milestone -> milestone.id().equals(milestoneId) ? change.apply(milestone) : milestone);
        }

        void replaceConstraint(String constraintId, UnaryOperator<Constraint> change) {
            constraints.replaceAll(
                    constraint -> constraint.id().equals(constraintId) ? change.apply(constraint) : constraint);
        }

        OpportunityDetail build() {
            Sizing current = sizingHistory.isEmpty() ? null : sizingHistory.get(sizingHistory.size() - 1);
            String captured = Amounts.text(captures.stream()
                    .map(capture -> Amounts.value(capture.amount()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
            return new OpportunityDetail(id, cycleId, number, focusArea, focusArea.title(), question, catalog, status,
                    current == null ? null : current.low(), current == null ? null : current.high(),
                    current == null ? null : current.ease(), owner, captured, Amounts.text(committed),
                    stamp.version(), stamp.position(),
                    List.copyOf(screenings), List.copyOf(budgetLines), budgetTree(budgetLines), List.copyOf(drivers),
                    List.copyOf(constraints), current, List.copyOf(sizingHistory), List.copyOf(milestones),
                    List.copyOf(captures), stamp.time());
        }
    }
}
