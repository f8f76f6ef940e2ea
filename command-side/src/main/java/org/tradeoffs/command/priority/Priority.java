package org.tradeoffs.command.priority;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.tradeoffs.command.common.ConflictingState;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.command.common.Versions;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.priority.PriorityWithdrawn;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.tradeoffs.events.district.Role.DESIGN_TEAM;
import static org.tradeoffs.events.district.Role.STEERING_COMMITTEE;

/**
 * An instructional priority of a planning cycle. The design team or steering committee proposes,
 * revises and may withdraw it until it is decided; only the steering committee decides it, and only
 * a steering reopening (with a reason) makes a decided priority changeable again.
 */
@Aggregate
public class Priority {

    enum Status { PROPOSED, WITHDRAWN, APPROVED, REJECTED }

    @AggregateIdentifier
    private String priorityId;
    private String cycleId;
    private String districtId;
    private Status status;

    protected Priority() {
    }

    @CommandHandler
    public Priority(ProposePriority command) {
        command.actor().require("propose priorities", DESIGN_TEAM, STEERING_COMMITTEE);
        apply(new PriorityProposed(command.priorityId(), command.cycleId(), command.districtId(), command.details(),
                command.actor().username()));
    }

    @CommandHandler
    public void handle(RevisePriority command) {
        requireInCycle(command.cycleId());
        command.actor().require("revise priorities", DESIGN_TEAM, STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        requireUndecided("revised");
        apply(new PriorityRevised(priorityId, cycleId, districtId, command.details(), command.actor().username()));
    }

    @CommandHandler
    public void handle(WithdrawPriority command) {
        requireInCycle(command.cycleId());
        command.actor().require("withdraw priorities", DESIGN_TEAM, STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        requireUndecided("withdrawn");
        apply(new PriorityWithdrawn(priorityId, cycleId, districtId, command.reason(), command.actor().username()));
    }

    @CommandHandler
    public void handle(DecidePriority command) {
        requireInCycle(command.cycleId());
        command.actor().require("decide priorities", STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        requireUndecided("decided");
        String actor = command.actor().username();
        if (command.outcome() == DecidePriority.Outcome.APPROVED) {
            apply(new PriorityApproved(priorityId, cycleId, districtId, command.rationale(), actor));
        } else {
            apply(new PriorityRejected(priorityId, cycleId, districtId, command.rationale(), actor));
        }
    }

    @CommandHandler
    public void handle(ReopenPriority command) {
        requireInCycle(command.cycleId());
        command.actor().require("reopen priorities", STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        if (status != Status.APPROVED && status != Status.REJECTED) {
            throw new ConflictingState("priority-not-decided",
                    "Only a decided priority can be reopened; this one is " + status);
        }
        apply(new PriorityReopened(priorityId, cycleId, districtId, command.reason(), command.actor().username()));
    }

    /** The cycle the priority belongs to; tradeoff packages invest only in priorities of their own cycle. */
    public String cycleId() {
        return cycleId;
    }

    /** Whether the steering committee approved it and has not reopened it since; packages invest only then. */
    public boolean isApproved() {
        return status == Status.APPROVED;
    }

    private void requireInCycle(String requestedCycle) {
        if (!cycleId.equals(requestedCycle)) {
            throw new UnknownItem("No priority " + priorityId + " in cycle " + requestedCycle);
        }
    }

    private void requireUndecided(String change) {
        switch (status) {
            case APPROVED, REJECTED -> throw new ConflictingState("priority-decided",
                    "This priority was " + status + " by the steering committee and cannot be " + change
                            + "; the steering committee can reopen it");
            case WITHDRAWN -> throw new ConflictingState("priority-withdrawn",
                    "This priority was withdrawn and cannot be " + change);
            case PROPOSED -> { }
        }
    }

    @EventSourcingHandler
    void on(PriorityProposed event) {
        priorityId = event.priorityId();
        cycleId = event.cycleId();
        districtId = event.districtId();
        status = Status.PROPOSED;
    }

    @EventSourcingHandler
    void on(PriorityWithdrawn event) {
        status = Status.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(PriorityApproved event) {
        status = Status.APPROVED;
    }

    @EventSourcingHandler
    void on(PriorityRejected event) {
        status = Status.REJECTED;
    }

    @EventSourcingHandler
    void on(PriorityReopened event) {
        status = Status.PROPOSED;
    }
}
