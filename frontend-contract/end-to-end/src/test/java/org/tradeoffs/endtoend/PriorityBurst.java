package org.tradeoffs.endtoend;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A designer working fast: proposes a priority, revises it, proposes the next, and so on, each command sent as soon
 * as the one before is answered. Every command changes the cycle's priorities topic once (and its timeline once).
 */
final class PriorityBurst {

    private final Services services;
    private final String cycle;
    private final String description;
    private final AtomicInteger written = new AtomicInteger();
    private volatile long lastPosition;
    private String unrevised;

    /** @param description the priorities' description: a long one makes every frame big */
    PriorityBurst(Services services, String cycle, String description) {
        this.services = services;
        this.cycle = cycle;
        this.description = description;
    }

    /** Sends {@code count} more commands; answers the position of the last. */
    long write(int count) {
        for (int i = 0; i < count; i++) {
            int number = written.get();
            Http.Response answer;
            if (unrevised == null) {
                answer = Http.call(services.commandUrl(), "designer", "POST", CollaborationEndToEndTest.PRIORITIES,
                        body("Burst priority " + number, "A"), List.of(), cycle);
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                unrevised = answer.id();
            } else {
                answer = Http.call(services.commandUrl(), "designer", "PUT", CollaborationEndToEndTest.PRIORITY,
                        body("Burst priority " + number, "B"), List.of("If-Match", "\"1\""), cycle, unrevised);
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                unrevised = null;
            }
            lastPosition = answer.json().get("position").asLong();
            written.incrementAndGet();
        }
        return lastPosition;
    }

    int written() {
        return written.get();
    }

    long lastPosition() {
        return lastPosition;
    }

    private String body(String title, String version) {
        return "{\"title\":\"" + title + "\",\"description\":\"" + version + " " + description
                + "\",\"theoryOfAction\":\"Coaching raises reading\",\"fundability\":\"ACTION\","
                + "\"estimatedAnnualCost\":\"" + (written.get() + 1) + "000.00\"}";
    }
}
