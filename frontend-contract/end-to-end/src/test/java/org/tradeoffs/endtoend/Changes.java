package org.tradeoffs.endtoend;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reads {@code GET /api/cycles/{cycleId}/changes} page by page, and compares what subscribers received with it. */
final class Changes {

    static final String PATH = "/api/cycles/{cycleId}/changes";

    /** A listed change: its topic, position and the frame pushed for it. */
    record Change(String topic, long position, JsonNode frame) {
    }

    private Changes() {
    }

    /**
     * Every change of the topics after {@code after}, as of {@code minPosition} (read your writes), following
     * {@code next} while {@code hasMore}; each page is checked against the contract.
     */
    static List<Change> all(String queryUrl, String cycle, String topics, long after, long minPosition, int limit) {
        List<Change> all = new ArrayList<>();
        long next = after;
        while (true) {
            JsonNode page = page(queryUrl, cycle, "after=" + next + "&topics=" + topics + "&limit=" + limit
                    + "&minPosition=" + minPosition);
            assertThat(page.get("after").asLong()).isEqualTo(next);
            page.get("changes").forEach(change -> {
                assertThat(change.get("frame").get("position")).as("the frame's own position")
                        .isEqualTo(change.get("position"));
                all.add(new Change(change.get("topic").asText(), change.get("position").asLong(), change.get("frame")));
            });
            if (!page.get("hasMore").asBoolean()) {
                return all;
            }
            assertThat(page.get("next").asLong()).isGreaterThan(next);
            next = page.get("next").asLong();
        }
    }

    /** One page; 503 not-ready (the views still catching up with minPosition) is asked again. */
    static JsonNode page(String queryUrl, String cycle, String query) {
        Http.Response[] answer = new Http.Response[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            answer[0] = Http.call(queryUrl, "auditor", "GET", PATH + "?" + query, null, List.of(), cycle);
            assertThat(answer[0].status()).as(answer[0].body()).isEqualTo(200);
        });
        return answer[0].json();
    }

    static List<Long> positions(List<Change> changes) {
        return changes.stream().map(Change::position).toList();
    }

    /** Asserts that the frames received are exactly the listed changes' frames, in the same order. */
    static void assertSameFrames(List<RawStomp.Message> received, List<Change> listed) {
        assertThat(received).extracting(RawStomp.Message::body).noneMatch(body -> body.startsWith("CONTRACT VIOLATION"));
        assertThat(received).extracting(RawStomp.Message::position).containsExactlyElementsOf(positions(listed));
        for (int i = 0; i < received.size(); i++) {
            assertThat(json(received.get(i).body())).as("frame at %d", received.get(i).position())
                    .isEqualTo(listed.get(i).frame());
        }
    }

    static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
