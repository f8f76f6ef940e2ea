package org.tradeoffs.command.district;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictEvent;
import org.tradeoffs.events.district.Role;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers, from the event store itself (not from a read model that may lag), which district a cycle
 * belongs to and which roles a person holds there. Reads go by aggregate key, without taking the
 * aggregates' locks, so checking access never queues behind other commands. Every check reads the store: a
 * district's roster is kept with the sequence number of its last event, and each check reads only the events after
 * it (usually none), so a grant or revocation counts from the next command on, whichever instance stored it.
 */
@Component
public class DistrictDirectory {

    private final EventStore eventStore;
    /** A cycle never moves to another district, so this mapping can be kept. */
    private final Map<String, String> districtOfCycle = new ConcurrentHashMap<>();
    /** Each district's roster as of the sequence number of the last of its events read. */
    private final Map<String, KnownRoster> rosters = new ConcurrentHashMap<>();

    private record KnownRoster(Roster roster, long sequence) {
    }

    public DistrictDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The actor acting in a district; 404 for an unknown district, 403 for a non-member who is no admin. */
    public Actor actorIn(String districtId, String username, boolean admin) {
        Actor actor = new Actor(username, admin, rosterOf(districtId).rolesOf(username));
        if (actor.roles().isEmpty() && !admin) {
            throw new NotPermitted(username + " is not a member of district " + districtId);
        }
        return actor;
    }

    /**
     * The roles someone (not necessarily the caller) holds in a district, empty for a non-member;
     * 404 for an unknown district.
     */
    public Set<Role> rolesOf(String districtId, String username) {
        return rosterOf(districtId).rolesOf(username);
    }

    /** Everyone who holds the role in the district now, sorted by username; 404 for an unknown district. */
    public List<String> holdersOf(String districtId, Role role) {
        return rosterOf(districtId).holdersOf(role);
    }

    private Roster rosterOf(String districtId) {
        KnownRoster known = rosters.get(districtId);
        KnownRoster current = known == null ? readRoster(districtId) : readLater(districtId, known);
        if (current != known) {
            rosters.merge(districtId, current, (kept, read) -> read.sequence() > kept.sequence() ? read : kept);
        }
        return current.roster();
    }

    /** The whole stream: from its snapshot, if it has one, which holds the roster up to then. */
    private KnownRoster readRoster(String districtId) {
        Roster roster = new Roster();
        long sequence = -1;
        DomainEventStream events = eventStore.readEvents(districtId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayload() instanceof District snapshot) {
                roster = snapshot.roster();
                sequence = event.getSequenceNumber();
            } else if (event.getPayload() instanceof DistrictEvent districtEvent) {
                roster.apply(districtEvent);
                sequence = event.getSequenceNumber();
            }
        }
        if (sequence < 0) {
            throw new UnknownItem("No district " + districtId);
        }
        return new KnownRoster(roster, sequence);
    }

    /** The events after the known roster's, applied to a copy of it; the known roster itself when there are none. */
    private KnownRoster readLater(String districtId, KnownRoster known) {
        DomainEventStream events = eventStore.readEvents(districtId, known.sequence() + 1);
        if (!events.hasNext()) {
            return known;
        }
        Roster roster = known.roster().copy();
        long sequence = known.sequence();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayload() instanceof DistrictEvent districtEvent) {
                roster.apply(districtEvent);
            }
            sequence = event.getSequenceNumber();
        }
        return new KnownRoster(roster, sequence);
    }

    /** The district a cycle belongs to; 404 for an unknown cycle. */
    public String districtOfCycle(String cycleId) {
        String known = districtOfCycle.get(cycleId);
        if (known != null) {
            return known;
        }
        DomainEventStream events = eventStore.readEvents(cycleId);
        if (events.hasNext() && events.next().getPayload() instanceof PlanningCycleOpened opened) {
            districtOfCycle.put(cycleId, opened.districtId());
            return opened.districtId();
        }
        throw new UnknownItem("No planning cycle " + cycleId);
    }
}
