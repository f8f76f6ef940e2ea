package org.tradeoffs.command.district;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.Versions;
import org.tradeoffs.events.district.DistrictEvent;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A district (tenant) and its members' roles. Snapshotted: its roster only grows over the years. */
@Aggregate(snapshotTriggerDefinition = "districtSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class District {

    @AggregateIdentifier
    private String districtId;
    private Roster roster = new Roster();

    protected District() {
    }

    @CommandHandler
    public District(RegisterDistrict command) {
        if (!command.actor().admin()) {
            throw new NotPermitted(command.actor().username() + " may not register districts (administrators only)");
        }
        apply(new DistrictRegistered(command.districtId(), command.name(), command.enrollment(),
                command.actor().username()));
    }

    /**
     * @return the district's version after it: the same as before when the person already held the role (nothing
     * stored), so that the receipt names the current version either way
     */
    @CommandHandler
    public long handle(GrantMemberRole command) {
        requireAdminOrSteering(command.actor(), "add members");
        if (!roster.holds(command.username(), command.role())) {
            apply(new MemberRoleGranted(districtId, command.username(), command.role(), command.actor().username()));
        }
        return Versions.current();
    }

    /**
     * @return the district's version after it: the same as before when the person did not hold the role (nothing
     * stored)
     */
    @CommandHandler
    public long handle(RevokeMemberRole command) {
        requireAdminOrSteering(command.actor(), "remove members");
        if (roster.holds(command.username(), command.role())) {
            apply(new MemberRoleRevoked(districtId, command.username(), command.role(), command.actor().username()));
        }
        return Versions.current();
    }

    /** The roster as of this state; the directory reads it from snapshots. */
    Roster roster() {
        return roster;
    }

    private void requireAdminOrSteering(Actor actor, String action) {
        if (!actor.admin() && !roster.holds(actor.username(), Role.STEERING_COMMITTEE)) {
            throw new NotPermitted(actor.username() + " may not " + action
                    + " (administrators and the steering committee only)");
        }
    }

    @EventSourcingHandler
    void on(DistrictRegistered event) {
        districtId = event.districtId();
    }

    @EventSourcingHandler
    void on(DistrictEvent event) {
        roster.apply(event);
    }
}
