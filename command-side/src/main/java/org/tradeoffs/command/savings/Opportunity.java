package org.tradeoffs.command.savings;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.ConflictingState;
import org.tradeoffs.command.common.InvalidField;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.command.common.Versions;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.savings.BudgetLineAdded;
import org.tradeoffs.events.savings.ConstraintKind;
import org.tradeoffs.events.savings.ConstraintRecorded;
import org.tradeoffs.events.savings.CostDriverAdded;
import org.tradeoffs.events.savings.DriverAdjustment;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.MilestoneCompleted;
import org.tradeoffs.events.savings.MilestoneOverdue;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.OwnerAssigned;
import org.tradeoffs.events.savings.RenegotiationWindowOpened;
import org.tradeoffs.events.savings.SavingsCaptured;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.tradeoffs.events.district.Role.DESIGN_TEAM;
import static org.tradeoffs.events.district.Role.ROI_ANALYST;
import static org.tradeoffs.events.district.Role.STEERING_COMMITTEE;

/**
 * A savings (or revenue) opportunity of a planning cycle. Screening puts it out of the funnel or into a
 * shallow or deep dive; only an opportunity in analysis takes the five steps (budget lines, cost
 * drivers, constraints, sizings, work plan with owner, milestones and captured savings). The planning
 * cycle lists it; the follow-up poller opens contract renegotiation windows and marks milestones overdue.
 * Approved tradeoff packages commit its savings, never more than its current high estimate in total.
 */
@Aggregate
public class Opportunity {

    enum Status { NOT_SCREENED, SCREENED_OUT, SHALLOW_DIVE, DEEP_DIVE }

    private record Driver(BigDecimal quantity, BigDecimal unitCost) {
    }

    private record Constraint(LocalDate renegotiationDate, boolean windowOpened) {
    }

    private record Milestone(LocalDate dueDate, boolean done, boolean overdue) {
    }

    @AggregateIdentifier
    private String opportunityId;
    private String cycleId;
    private String districtId;
    private int number;
    private Status status;
    private String owner;
    /** The high end of the current sizing; null until sized. */
    private BigDecimal currentHigh;
    private BigDecimal committed = BigDecimal.ZERO;
    private final Set<String> fundedBy = new HashSet<>();
    private final Set<String> budgetLines = new HashSet<>();
    private final Map<String, Driver> drivers = new HashMap<>();
    private final Map<String, Constraint> constraints = new HashMap<>();
    private final Map<String, Milestone> milestones = new HashMap<>();

    protected Opportunity() {
    }

    /** Lists the opportunity; only {@code PlanningCycle} does this, inside its own unit of work. */
    public Opportunity(OpportunityListed listed) {
        apply(listed);
    }

    @CommandHandler
    public void handle(ScreenOpportunity command) {
        requireInCycle(command.cycleId());
        command.actor().require("screen opportunities", DESIGN_TEAM, ROI_ANALYST, STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        if (status.name().equals(command.decision().name())) {
            throw new ConflictingState("duplicate", "This opportunity is already " + status);
        }
        apply(new OpportunityScreened(opportunityId, cycleId, districtId, command.decision(), command.reason(),
                command.actor().username()));
    }

    @CommandHandler
    public void handle(AddBudgetLine command) {
        requireAnalysisStep(command.cycleId(), command.actor(), command.expectedVersion(), "budget lines");
        apply(new BudgetLineAdded(opportunityId, cycleId, districtId, command.budgetLineId(), command.path(),
                command.annualAmount(), command.fte(), command.actor().username()));
    }

    @CommandHandler
    public void handle(AddCostDriver command) {
        requireAnalysisStep(command.cycleId(), command.actor(), command.expectedVersion(), "cost drivers");
        if (command.budgetLineId() != null && !budgetLines.contains(command.budgetLineId())) {
            throw new ConflictingState("unknown-budget-line",
                    "No budget line " + command.budgetLineId() + " in this opportunity");
        }
        apply(new CostDriverAdded(opportunityId, cycleId, districtId, command.driverId(), command.name(),
                command.unit(), command.quantity(), command.unitCost(), command.trend(), command.budgetLineId(),
                command.actor().username()));
    }

    @CommandHandler
    public void handle(RecordConstraint command) {
        requireAnalysisStep(command.cycleId(), command.actor(), command.expectedVersion(), "constraints");
        if (command.renegotiationDate() != null && command.kind() != ConstraintKind.CONTRACT) {
            throw new InvalidField("renegotiationDate", "is allowed only for CONTRACT constraints");
        }
        apply(new ConstraintRecorded(opportunityId, cycleId, districtId, command.constraintId(), command.kind(),
                command.rigid(), command.description(), command.renegotiationDate(), command.actor().username()));
    }

    /** @return the savings range the sizing recorded */
    @CommandHandler
    public SavingsEstimate handle(SizeOpportunity command) {
        requireAnalysisStep(command.cycleId(), command.actor(), command.expectedVersion(), "sizing");
        if (command.ease() < 1 || command.ease() > 5) {
            throw new InvalidField("ease", "must be between 1 and 5");
        }
        if (command.targets().isEmpty()) {
            throw new InvalidField("adjustments", "must adjust at least one cost driver");
        }
        Set<String> adjusted = new HashSet<>();
        for (int i = 0; i < command.targets().size(); i++) {
            SizeOpportunity.Target target = command.targets().get(i);
            if (!target.setsAny()) {
                throw new InvalidField("adjustments[" + i + "]", "must set at least one target");
            }
            if (!adjusted.add(target.driverId())) {
                throw new InvalidField("adjustments[" + i + "].driverId", "names a driver adjusted earlier in this sizing");
            }
        }
        List<DriverAdjustment> adjustments = new ArrayList<>();
        for (SizeOpportunity.Target target : command.targets()) {
            Driver driver = drivers.get(target.driverId());
            if (driver == null) {
                throw new ConflictingState("unknown-cost-driver",
                        "No cost driver " + target.driverId() + " in this opportunity");
            }
            adjustments.add(new DriverAdjustment(target.driverId(), driver.quantity(), driver.unitCost(),
                    target.conservativeQuantity(), target.ambitiousQuantity(), target.conservativeUnitCost(),
                    target.ambitiousUnitCost()));
        }
        SavingsEstimate estimate = SavingsEstimate.of(adjustments);
        apply(new OpportunitySized(opportunityId, cycleId, districtId, command.sizingId(), List.copyOf(adjustments),
                estimate.low(), estimate.high(), command.ease(), command.notes(), command.actor().username()));
        return estimate;
    }

    @CommandHandler
    public void handle(AssignOwner command) {
        requireInCycle(command.cycleId());
        command.actor().require("assign owners", DESIGN_TEAM, ROI_ANALYST, STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        requireInAnalysis("owner");
        if (command.ownerRoles().isEmpty()) {
            throw new ConflictingState("owner-not-a-member",
                    command.owner() + " is not a member of this district and cannot own its opportunities");
        }
        if (!writes(command.ownerRoles())) {
            throw new ConflictingState("owner-read-only", command.owner()
                    + " only audits this district, and auditors write nothing: they cannot own its opportunities");
        }
        if (command.owner().equals(owner)) {
            throw new ConflictingState("duplicate", command.owner() + " already owns this opportunity");
        }
        apply(new OwnerAssigned(opportunityId, cycleId, districtId, command.owner(), command.actor().username()));
    }

    @CommandHandler
    public void handle(AddMilestone command) {
        requireAnalysisStep(command.cycleId(), command.actor(), command.expectedVersion(), "milestones");
        apply(new MilestoneAdded(opportunityId, cycleId, districtId, command.milestoneId(), command.title(),
                command.dueDate(), command.actor().username()));
    }

    @CommandHandler
    public void handle(CompleteMilestone command) {
        requireInCycle(command.cycleId());
        requireTeamOrOwner(command.actor(), "complete milestones");
        Versions.require(command.expectedVersion());
        Milestone milestone = milestones.get(command.milestoneId());
        if (milestone == null) {
            throw new UnknownItem("No milestone " + command.milestoneId() + " in this opportunity");
        }
        requireInAnalysis("milestone completions");
        if (milestone.done()) {
            throw new ConflictingState("duplicate", "This milestone is already done");
        }
        apply(new MilestoneCompleted(opportunityId, cycleId, districtId, command.milestoneId(),
                command.actor().username()));
    }

    @CommandHandler
    public void handle(CaptureSavings command) {
        requireInCycle(command.cycleId());
        requireTeamOrOwner(command.actor(), "record captured savings");
        Versions.require(command.expectedVersion());
        requireInAnalysis("captured savings");
        if (command.amount().signum() <= 0) {
            throw new InvalidField("amount", "must be greater than 0");
        }
        apply(new SavingsCaptured(opportunityId, cycleId, districtId, command.captureId(), command.amount(),
                command.capturedOn(), command.note(), command.actor().username()));
    }

    /** @return whether the window opened now (false: not due, not a dated contract, or opened already) */
    @CommandHandler
    public boolean handle(OpenRenegotiationWindow command) {
        Constraint constraint = constraints.get(command.constraintId());
        if (constraint == null) {
            throw new UnknownItem("No constraint " + command.constraintId() + " in this opportunity");
        }
        LocalDate date = constraint.renegotiationDate();
        if (date == null || constraint.windowOpened() || command.today().isBefore(date)) {
            return false;
        }
        apply(new RenegotiationWindowOpened(opportunityId, cycleId, districtId, command.constraintId(), date,
                command.actor().username()));
        return true;
    }

    /** @return whether the milestone became overdue now (false: not yet past due, done, or overdue already) */
    @CommandHandler
    public boolean handle(MarkMilestoneOverdue command) {
        Milestone milestone = milestones.get(command.milestoneId());
        if (milestone == null) {
            throw new UnknownItem("No milestone " + command.milestoneId() + " in this opportunity");
        }
        if (milestone.done() || milestone.overdue() || !command.today().isAfter(milestone.dueDate())) {
            return false;
        }
        apply(new MilestoneOverdue(opportunityId, cycleId, districtId, command.milestoneId(), milestone.dueDate(),
                command.actor().username()));
        return true;
    }

    /**
     * Commits savings to an approved package; refused when the opportunity has no sizing or the amount does
     * not fit what is left of its high estimate.
     */
    @CommandHandler
    public void handle(CommitFunding command) {
        requireInCycle(command.cycleId());
        command.actor().require("commit funding", STEERING_COMMITTEE);
        if (command.amount().signum() <= 0) {
            throw new InvalidField("amount", "must be greater than 0");
        }
        if (fundedBy.contains(command.tradeoffId())) {
            throw new ConflictingState("duplicate",
                    "Package " + command.tradeoffId() + " already committed funding on this opportunity");
        }
        funds().require(command.amount());
        apply(new FundingCommitted(opportunityId, cycleId, districtId, command.tradeoffId(), command.amount(),
                command.actor().username()));
    }

    /** The cycle the opportunity belongs to; packages take money only from opportunities of their own cycle. */
    public String cycleId() {
        return cycleId;
    }

    /** What the opportunity can still fund: its current high estimate and what approved packages committed. */
    public Funds funds() {
        return new Funds(opportunityId, number, currentHigh, committed, status == Status.SCREENED_OUT);
    }

    /** Steps 1-4 and milestones: the design team or an ROI analyst, on an opportunity in analysis. */
    private void requireAnalysisStep(String requestedCycle, Actor actor, Long expectedVersion, String step) {
        requireInCycle(requestedCycle);
        actor.require("add " + step, DESIGN_TEAM, ROI_ANALYST);
        Versions.require(expectedVersion);
        requireInAnalysis(step);
    }

    private void requireInCycle(String requestedCycle) {
        if (!requestedCycle.equals(cycleId)) {
            throw new UnknownItem("No opportunity " + opportunityId + " in cycle " + requestedCycle);
        }
    }

    private void requireTeamOrOwner(Actor actor, String action) {
        boolean ownerWhoWrites = actor.username().equals(owner) && writes(actor.roles());
        if (!ownerWhoWrites) {
            actor.require(action + " of an opportunity they do not own", DESIGN_TEAM, ROI_ANALYST);
        }
    }

    /**
     * Whether someone with these roles in the district may write there at all: any role but {@code AUDITOR}, which
     * reads and replays and writes nothing (an owner who is, or has become, only an auditor no longer carries the work).
     */
    private static boolean writes(Set<Role> roles) {
        return roles.stream().anyMatch(role -> role != Role.AUDITOR);
    }

    private void requireInAnalysis(String step) {
        switch (status) {
            case NOT_SCREENED -> throw new ConflictingState("opportunity-not-screened",
                    "Screen this opportunity into a shallow or deep dive before it takes " + step);
            case SCREENED_OUT -> throw new ConflictingState("opportunity-screened-out",
                    "A screened-out opportunity takes no " + step + " until screened in again");
            case SHALLOW_DIVE, DEEP_DIVE -> { }
        }
    }

    @EventSourcingHandler
    void on(OpportunityListed event) {
        opportunityId = event.opportunityId();
        cycleId = event.cycleId();
        districtId = event.districtId();
        number = event.number();
        status = Status.NOT_SCREENED;
    }

    @EventSourcingHandler
    void on(OpportunityScreened event) {
        status = Status.valueOf(event.decision().name());
    }

    @EventSourcingHandler
    void on(OpportunitySized event) {
        currentHigh = event.high();
    }

    @EventSourcingHandler
    void on(FundingCommitted event) {
        committed = committed.add(event.amount());
        fundedBy.add(event.tradeoffId());
    }

    @EventSourcingHandler
    void on(BudgetLineAdded event) {
        budgetLines.add(event.budgetLineId());
    }

    @EventSourcingHandler
    void on(CostDriverAdded event) {
        drivers.put(event.driverId(), new Driver(event.quantity(), event.unitCost()));
    }

    @EventSourcingHandler
    void on(ConstraintRecorded event) {
        LocalDate date = event.kind() == ConstraintKind.CONTRACT ? event.renegotiationDate() : null;
        constraints.put(event.constraintId(), new Constraint(date, false));
    }

    @EventSourcingHandler
    void on(RenegotiationWindowOpened event) {
        constraints.computeIfPresent(event.constraintId(),
                (id, constraint) -> new Constraint(constraint.renegotiationDate(), true));
    }

    @EventSourcingHandler
    void on(OwnerAssigned event) {
        owner = event.owner();
    }

    @EventSourcingHandler
    void on(MilestoneAdded event) {
        milestones.put(event.milestoneId(), new Milestone(event.dueDate(), false, false));
    }

    @EventSourcingHandler
    void on(MilestoneCompleted event) {
        milestones.computeIfPresent(event.milestoneId(),
                (id, milestone) -> new Milestone(milestone.dueDate(), true, milestone.overdue()));
    }

    @EventSourcingHandler
    void on(MilestoneOverdue event) {
        milestones.computeIfPresent(event.milestoneId(),
                (id, milestone) -> new Milestone(milestone.dueDate(), milestone.done(), true));
    }
}
