package org.tradeoffs.benchmark.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.priority.PriorityProposed;

/**
 * A generated event history of a few districts working side by side: commits of the districts interleave at
 * random, as concurrent users' commands do. The same seed gives the same history, commit for commit.
 */
final class History {

    private final Story story;
    private final List<DistrictHistory> districts = new ArrayList<>();

    History(long seed, int districts) {
        this.story = new Story(seed);
        for (int i = 0; i < districts; i++) {
            this.districts.add(new DistrictHistory(story, i));
        }
    }

    /**
     * Hands exactly {@code events} events to {@code append}, commit by commit (mostly one event; 32 when a cycle
     * opens; up to five when a vote approves a package).
     *
     * @return how many commits
     */
    int write(int events, Consumer<List<DomainEventMessage<?>>> append) {
        int written = 0;
        int commits = 0;
        while (written < events) {
            Story.Commit commit = story.pick(districts).next(events - written);
            append.accept(commit.events());
            written += commit.size();
            commits++;
        }
        return commits;
    }

    List<DistrictHistory> districts() {
        return districts;
    }

    List<CycleHistory.Expected> expected() {
        List<CycleHistory.Expected> expected = new ArrayList<>();
        districts.forEach(district -> district.cycles().forEach(cycle -> expected.add(cycle.expected())));
        return expected;
    }

    /** Counts, per cycle, the events and the proposed priorities up to a position, as they are appended. */
    static final class Census {

        private final long upTo;
        private long position;
        private final Map<String, Integer> events = new HashMap<>();
        private final Map<String, Integer> priorities = new HashMap<>();

        Census(long upTo) {
            this.upTo = upTo;
        }

        /** Called with every commit in order; positions are dense from 1 with one writer. */
        void count(List<DomainEventMessage<?>> commit) {
            for (DomainEventMessage<?> event : commit) {
                position++;
                if (position <= upTo && event.getPayload() instanceof CycleScoped scoped) {
                    events.merge(scoped.cycleId(), 1, Integer::sum);
                    if (scoped instanceof PriorityProposed) {
                        priorities.merge(scoped.cycleId(), 1, Integer::sum);
                    }
                }
            }
        }

        /** The cycle with the most events up to the position. */
        String busiestCycle() {
            return events.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow(
                    () -> new IllegalStateException("no planning cycle was opened by position " + upTo
                            + "; generate more events or fewer districts")).getKey();
        }

        int priorities(String cycleId) {
            return priorities.getOrDefault(cycleId, 0);
        }

        long upTo() {
            return upTo;
        }
    }
}
