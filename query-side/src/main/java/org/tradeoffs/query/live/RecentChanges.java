package org.tradeoffs.query.live;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.tradeoffs.query.live.ChangeLog.Change;
import org.tradeoffs.query.live.CycleTopic.Kind;

/**
 * The changes the {@link ChangeFeed} broadcast last, kept in memory up to a budget of bytes, so that a client catching
 * up on a recent gap (a reconnect after flaky Wi-Fi) is served without reading the {@link ChangeLog} again. For each
 * topic kind it holds every change after its floor up to what the feed pushed, with no gap; what falls out of the
 * budget, oldest first, raises the floor, and a catch-up from below the floor reads the change log as before. Used by
 * the feed's one thread only.
 */
final class RecentChanges {

    /** Bytes counted for a change besides its frame's characters: the entry and its keys. */
    private static final int OVERHEAD = 128;

    private final long budget;
    private final Map<Kind, Long> floors = new EnumMap<>(Kind.class);
    /** The position of the last change of each kind added. */
    private final Map<Kind, Long> newest = new EnumMap<>(Kind.class);
    private final Map<CycleTopic, NavigableMap<Long, Change>> byTopic = new HashMap<>();
    private final ArrayDeque<Change> oldestFirst = new ArrayDeque<>();
    private long held;

    /** @param budget bytes at most (about) held; 0 holds nothing */
    RecentChanges(long budget) {
        this.budget = budget;
    }

    /** Starts each kind with nothing held: every change of a kind after {@code pushed} will be. */
    void startAt(Kind kind, long pushed) {
        floors.put(kind, pushed);
    }

    /**
     * A change the feed broadcast; changes of a kind come in position order. One at or below the last of its kind
     * added is held already (or fell out): it is not added again.
     */
    void add(Change change) {
        if (change.position() <= newest.getOrDefault(change.kind(), Long.MIN_VALUE)) {
            return;
        }
        newest.put(change.kind(), change.position());
        if (budget <= 0) {
            floors.put(change.kind(), change.position());
            return;
        }
        byTopic.computeIfAbsent(new CycleTopic(change.cycleId(), change.kind()), topic -> new TreeMap<>())
                .put(change.position(), change);
        oldestFirst.addLast(change);
        held += size(change);
        while (held > budget) {
            evict(oldestFirst.removeFirst());
        }
    }

    /**
     * The topic's changes after {@code after} up to and including {@code upTo}, at most {@code limit}, in position
     * order; empty when some of them may have fallen out (the caller reads the change log instead).
     */
    Optional<List<Change>> read(CycleTopic topic, long after, long upTo, int limit) {
        if (after < floors.getOrDefault(topic.kind(), Long.MAX_VALUE)) {
            return Optional.empty();
        }
        NavigableMap<Long, Change> changes = byTopic.get(topic);
        if (changes == null) {
            return Optional.of(List.of());
        }
        return Optional.of(changes.subMap(after, false, upTo, true).values().stream().limit(limit).toList());
    }

    private void evict(Change change) {
        CycleTopic topic = new CycleTopic(change.cycleId(), change.kind());
        NavigableMap<Long, Change> changes = byTopic.get(topic);
        changes.remove(change.position());
        if (changes.isEmpty()) {
            byTopic.remove(topic);
        }
        floors.merge(change.kind(), change.position(), Math::max);
        held -= size(change);
    }

    private static long size(Change change) {
        return OVERHEAD + change.frame().length();
    }
}
