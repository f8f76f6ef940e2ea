package org.tradeoffs.query.live;

import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.presence.PresenceDestinations;
import org.tradeoffs.query.presence.PresenceSessions;

/**
 * Who may still read a cycle's live frames: the members of its district, as the directory says now. The guard checks
 * a SUBSCRIBE once; a user who loses their last role in the district while connected is refused here later
 * ({@link LiveSession#refuse}: an ERROR frame {@code forbidden}, then the connection closes). The change feed asks
 * before it queues a frame for a session, so no change after the revocation reaches it; and every second each
 * session's subscriptions, and the cycles it is present in (a session can say where it is without following any
 * topic), are checked, for what comes through Spring's broker (presence). Answers are kept for one
 * {@link Round}: one directory read per district per round, whatever the number of sessions.
 */
@Component
public class CycleReaders {

    private static final Logger log = LoggerFactory.getLogger(CycleReaders.class);

    private final Directory directory;
    private final LiveSessions sessions;
    private final SimpUserRegistry users;
    private final PresenceSessions presence;
    /** A cycle never moves to another district. */
    private final Map<String, String> districtOfCycle = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "live-reader-checks");
        thread.setDaemon(true);
        return thread;
    });

    public CycleReaders(Directory directory, LiveSessions sessions, @Lazy SimpUserRegistry users,
            @Lazy PresenceSessions presence) {
        this.directory = directory;
        this.sessions = sessions;
        this.users = users;
        this.presence = presence;
        checks.scheduleWithFixedDelay(this::checkEverySession, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }

    /** A round of checks, its answers kept: use one per feed round or sweep. */
    Round round() {
        return new Round();
    }

    final class Round {

        private final Map<String, Predicate<String>> membersByCycle = new HashMap<>();
        private final Map<String, Map<String, Boolean>> answers = new HashMap<>();

        /**
         * Reads now what {@link #mayRead} needs for the cycle (its district's members), kept for the round: a caller
         * that must not fail halfway through asks for it before it starts.
         */
        void prepare(String cycleId) {
            membersByCycle.computeIfAbsent(cycleId, this::membersOf);
        }

        /** Whether the user (null: none) may read the cycle's frames. */
        boolean mayRead(String username, String cycleId) {
            return username != null && answers.computeIfAbsent(cycleId, cycle -> new HashMap<>())
                    .computeIfAbsent(username, user -> membersByCycle.computeIfAbsent(cycleId, this::membersOf)
                            .test(user));
        }

        private Predicate<String> membersOf(String cycleId) {
            String districtId = districtOfCycle.get(cycleId);
            if (districtId == null) {
                Optional<String> found = directory.districtOfCycle(cycleId);
                if (found.isEmpty()) {
                    return username -> false;
                }
                districtId = found.get();
                districtOfCycle.put(cycleId, districtId);
            }
            return directory.membersOf(districtId);
        }
    }

    private void checkEverySession() {
        try {
            Round round = round();
            for (SimpUser user : users.getUsers()) {
                for (SimpSession session : user.getSessions()) {
                    if (!readsAll(round, user.getName(), session) || !presentOnlyWhereReadable(round, user.getName(),
                            session.getId())) {
                        sessions.get(session.getId()).ifPresent(LiveSession::refuse);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Checking who may still read the live frames failed; trying again in a second", e);
        }
    }

    private boolean presentOnlyWhereReadable(Round round, String username, String sessionId) {
        return presence.cyclesOf(sessionId).stream().allMatch(cycleId -> round.mayRead(username, cycleId));
    }

    private static boolean readsAll(Round round, String username, SimpSession session) {
        for (SimpSubscription subscription : session.getSubscriptions()) {
            Optional<String> cycleId = CycleTopic.parse(subscription.getDestination()).map(CycleTopic::cycleId)
                    .or(() -> PresenceDestinations.cycleOfTopic(subscription.getDestination()));
            if (cycleId.isPresent() && !round.mayRead(username, cycleId.get())) {
                return false;
            }
        }
        return true;
    }
}
