package org.tradeoffs.command.district;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.eventstore.DirectoryVersions;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictEvent;
import org.tradeoffs.events.district.Role;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers, from the event store itself (not from a read model that may lag), which district a cycle belongs to and
 * which roles people hold there. Reads go by aggregate key, without taking the aggregates' locks, so checking access
 * never queues behind other commands.
 *
 * <p>A district's roster is kept with the directory version it was read at ({@link DirectoryVersions}: the version
 * is read first, then the district's events after those already applied). Inside a web request a check answers from
 * that copy, without reading the store, and remembers the version and what it answered; the command then carries
 * the versions ({@link #expectedVersions}), and its append fails instead of being stored if one has moved since, a
 * grant or revocation stored meanwhile by any instance. {@link #recheck} reads the roster again and asks every
 * question again: the same answers, and the command may go again with the new versions; other answers, and it was
 * decided on roles that no longer hold ({@link RolesChanged}, 409). A refusal is never answered from the copy:
 * a check that refuses, and a command a rule refused ({@link #confirmRefusal}), are confirmed against the current
 * directory first. So a grant or revocation counts from the next command on, whichever instance stored it. Outside
 * a web request (tests, scheduled work) every check reads the store. A copy is read again anyway once it is older
 * than {@code tradeoffs.directory.refresh-interval}: the bound on how long a change stays unseen if its writer died
 * between storing it and bumping the version (it was then never acknowledged).
 */
@Component
public class DistrictDirectory {

    private static final String CHECKS = DistrictDirectory.class.getName() + ".checks";

    private final EventStore eventStore;
    private final OrderedMongoEventStorageEngine engine;
    private final long refreshNanos;
    /** A cycle never moves to another district, so this mapping can be kept. */
    private final Map<String, String> districtOfCycle = new ConcurrentHashMap<>();
    /** Each district's roster as last read, with the directory version and the sequence number it was read at. */
    private final Map<String, KnownRoster> rosters = new ConcurrentHashMap<>();

    private record KnownRoster(Roster roster, long sequence, long version, long readAt) {
    }

    /** One question a request's checks asked about a district, and its answer. */
    private record Asked(String districtId, Function<Roster, ?> question, Object answer) {
    }

    /** What the checks of one web request asked, and at which directory version of each district. */
    private static final class Checks {
        private final Map<String, Long> versions = new HashMap<>();
        private final List<Asked> asked = new ArrayList<>();

        void record(String districtId, long version, Function<Roster, ?> question, Object answer) {
            versions.merge(districtId, version, Math::min);
            asked.add(new Asked(districtId, question, answer));
        }
    }

    public DistrictDirectory(EventStore eventStore, OrderedMongoEventStorageEngine engine,
                             @Value("${tradeoffs.directory.refresh-interval:1s}") Duration refreshInterval) {
        this.eventStore = eventStore;
        this.engine = engine;
        this.refreshNanos = refreshInterval.toNanos();
        // a change this instance stored is read at the next check, instead of failing the next command's append
        engine.onDirectoryChange(districts -> districts.forEach(rosters::remove));
    }

    /** The actor acting in a district; 404 for an unknown district, 403 for a non-member who is no admin. */
    public Actor actorIn(String districtId, String username, boolean admin) {
        return ask(districtId, roster -> {
            Actor actor = new Actor(username, admin, roster.rolesOf(username));
            if (actor.roles().isEmpty() && !admin) {
                throw new NotPermitted(username + " is not a member of district " + districtId);
            }
            return actor;
        });
    }

    /**
     * The roles someone (not necessarily the caller) holds in a district, empty for a non-member;
     * 404 for an unknown district.
     */
    public Set<Role> rolesOf(String districtId, String username) {
        return ask(districtId, roster -> roster.rolesOf(username));
    }

    /** Everyone who holds the role in the district now, sorted by username; 404 for an unknown district. */
    public List<String> holdersOf(String districtId, Role role) {
        return ask(districtId, roster -> roster.holdersOf(role));
    }

    /**
     * The directory versions this request's checks were answered at, by district, for the command's metadata
     * ({@link DirectoryVersions#EXPECTED}); empty outside a web request or before any check.
     */
    public Map<String, Long> expectedVersions() {
        Checks checks = checks(false);
        return checks == null ? Map.of() : Map.copyOf(checks.versions);
    }

    /**
     * After an append failed because the directory of these districts moved: reads their rosters again and asks this
     * request's questions about them again. The same answers: the request's versions are now the new ones, and its
     * command may be sent again. Other answers: {@link RolesChanged}; a check that now refuses throws its refusal.
     */
    public void recheck(Set<String> districts) {
        Checks checks = checks(false);
        if (checks == null) {
            throw new RolesChanged();
        }
        for (String districtId : districts) {
            KnownRoster current = refresh(districtId);
            for (Asked asked : checks.asked) {
                if (asked.districtId().equals(districtId)
                        && !Objects.equals(asked.question().apply(current.roster()), asked.answer())) {
                    throw new RolesChanged();
                }
            }
            checks.versions.put(districtId, current.version());
        }
    }

    /**
     * Before a rule's refusal of this request's command is answered: whether the directory versions its checks were
     * answered at are still current. Where one moved, the questions are asked again; if an answer differs, the refusal
     * may rest on roles that no longer hold, and {@link RolesChanged} is thrown instead.
     */
    public void confirmRefusal() {
        Checks checks = checks(false);
        if (checks == null) {
            return;
        }
        Set<String> moved = new TreeSet<>();
        checks.versions.forEach((districtId, version) -> {
            if (engine.directoryVersion(districtId) != version) {
                moved.add(districtId);
            }
        });
        if (!moved.isEmpty()) {
            recheck(moved);
        }
    }

    private <T> T ask(String districtId, Function<Roster, T> question) {
        Checks checks = checks(true);
        if (checks == null) {
            return question.apply(refresh(districtId).roster());
        }
        KnownRoster known = rosters.get(districtId);
        if (known == null || System.nanoTime() - known.readAt() >= refreshNanos) {
            known = refresh(districtId);
        }
        T answer;
        try {
            answer = question.apply(known.roster());
        } catch (RuntimeException refused) {
            // a refusal is confirmed against the store: a grant stored elsewhere counts at once
            known = refresh(districtId);
            answer = question.apply(known.roster());
        }
        checks.record(districtId, known.version(), question, answer);
        return answer;
    }

    /** The checks of the current web request, null outside one. */
    private static Checks checks(boolean create) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return null;
        }
        Checks checks = (Checks) request.getAttribute(CHECKS, RequestAttributes.SCOPE_REQUEST);
        if (checks == null && create) {
            checks = new Checks();
            request.setAttribute(CHECKS, checks, RequestAttributes.SCOPE_REQUEST);
        }
        return checks;
    }

    /** Reads the district's directory version, then its events after the known roster's, and keeps the result. */
    private KnownRoster refresh(String districtId) {
        long version = engine.directoryVersion(districtId);
        KnownRoster known = rosters.get(districtId);
        KnownRoster read = known == null ? readRoster(districtId, version) : readLater(districtId, known, version);
        rosters.merge(districtId, read, (kept, fresh) -> fresh.version() > kept.version()
                || fresh.version() == kept.version() && fresh.sequence() >= kept.sequence() ? fresh : kept);
        return read;
    }

    /** The whole stream: from its snapshot, if it has one, which holds the roster up to then. */
    private KnownRoster readRoster(String districtId, long version) {
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
        return new KnownRoster(roster, sequence, version, System.nanoTime());
    }

    /** The events after the known roster's, applied to a copy of it. */
    private KnownRoster readLater(String districtId, KnownRoster known, long version) {
        DomainEventStream events = eventStore.readEvents(districtId, known.sequence() + 1);
        Roster roster = known.roster();
        long sequence = known.sequence();
        if (events.hasNext()) {
            roster = roster.copy();
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                if (event.getPayload() instanceof DistrictEvent districtEvent) {
                    roster.apply(districtEvent);
                }
                sequence = event.getSequenceNumber();
            }
        }
        return new KnownRoster(roster, sequence, version, System.nanoTime());
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
