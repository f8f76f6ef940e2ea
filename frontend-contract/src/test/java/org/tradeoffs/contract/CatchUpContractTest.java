package org.tradeoffs.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catch-up part of the contract: on every cycle topic the SUBSCRIBE header {@code since-position}, its ERROR
 * {@code invalid-since-position} and the MESSAGE header {@code position}; {@code GET /api/cycles/{cycleId}/changes},
 * whose frames are checked against the frame schema of their topic.
 */
class CatchUpContractTest {

    private static final Set<String> CYCLE_TOPICS = Set.of("#/channels/cyclePriorities", "#/channels/cycleTimeline",
            "#/channels/cycleSavings", "#/channels/cycleTradeoffs", "#/channels/cycleInputs");
    private static final String TIMELINE_CHANGE = """
            {"topic": "timeline", "position": 7, "frame": {"position": 7, "type": "PlanningCycleOpened",
              "cycleId": "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8", "view": {"position": 7, "time": "2027-03-01T16:20:00Z",
              "actor": "steering", "type": "PlanningCycleOpened", "summary": "steering opened the cycle SY 2027-28",
              "itemId": "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8", "itemKind": "CYCLE"}}}""";

    private final Contract contract = Contract.load();

    @Test
    void everyCycleTopicTakesASincePositionAndRefusesOneThatIsNoPosition() {
        List<String> withSince = new ArrayList<>();
        contract.asyncApi().path("operations").forEach(operation -> {
            String channel = operation.path("channel").path("$ref").asText();
            JsonNode since = operation.path("x-subscribe-headers").path("since-position");
            if (!CYCLE_TOPICS.contains(channel)) {
                assertThat(since.isMissingNode()).as(channel + " takes no since-position").isTrue();
                return;
            }
            withSince.add(channel);
            JsonNode schema = contract.asyncApi().at(since.path("$ref").asText().substring(1));
            assertThat(schema.path("type").asText()).isEqualTo("string");
            assertThat("1042").matches(schema.path("pattern").asText());
            assertThat("-1").doesNotMatch(schema.path("pattern").asText());
            assertThat(operation.path("x-since-position-refusal").path("command").asText()).isEqualTo("ERROR");
            assertThat(operation.path("x-since-position-refusal").path("headers").path("message").asText())
                    .isEqualTo("invalid-since-position");
        });
        assertThat(withSince).containsExactlyInAnyOrderElementsOf(CYCLE_TOPICS);
    }

    @Test
    void everyFrameOnACycleTopicCarriesItsPositionHeader() {
        for (String channel : CYCLE_TOPICS) {
            JsonNode messages = contract.asyncApi().at(channel.substring(1)).path("messages");
            assertThat(messages).as(channel).isNotEmpty();
            messages.forEach(reference -> {
                JsonNode message = contract.asyncApi().at(reference.path("$ref").asText().substring(1));
                JsonNode headers = contract.asyncApi().at(message.path("headers").path("$ref").asText().substring(1));
                assertThat(headers.path("required").toString()).as(channel).contains("\"position\"");
                assertThat("1042").matches(headers.path("properties").path("position").path("pattern").asText());
            });
        }
    }

    @Test
    void aChangesPageIsCheckedFrameByFrameAgainstTheFrameSchemaOfItsTopic() throws Exception {
        String page = "{\"cycleId\": \"7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8\", \"after\": 6, \"changes\": ["
                + TIMELINE_CHANGE + "], \"hasMore\": false, \"next\": 7}";
        ObjectNode mislabelled = (ObjectNode) new ObjectMapper().readTree(page);
        ((ObjectNode) mislabelled.path("changes").path(0)).put("topic", "priorities");
        ObjectNode unknownTopic = mislabelled.deepCopy();
        ((ObjectNode) unknownTopic.path("changes").path(0)).put("topic", "presence");

        assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}/changes", 200, "application/json", page))
                .isEmpty();
        assertThat(contract.validate("changes-page", mislabelled.toString())).isNotEmpty();
        assertThat(contract.validate("changes-page", unknownTopic.toString())).isNotEmpty();
        assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}/changes", 400, "application/problem+json",
                "{\"type\":\"urn:tradeoffs:problem:validation-failed\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"code\":\"validation-failed\",\"errors\":[{\"field\":\"topics\",\"message\":\"unknown\"}]}"))
                .isEmpty();
    }
}
