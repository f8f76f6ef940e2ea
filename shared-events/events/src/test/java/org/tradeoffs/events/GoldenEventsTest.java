package org.tradeoffs.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.tradeoffs.events.cycle.CycleEvent;
import org.tradeoffs.events.district.DistrictEvent;
import org.tradeoffs.events.input.InputEvent;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.tradeoff.TradeoffEvent;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored events must stay readable forever. Every event type has a golden JSON document per version,
 * written the way the event store serializes payloads; a change to an event's shape fails here and
 * needs a new version with an upcaster instead.
 */
class GoldenEventsTest {

    /** Configured as the event store's serializer is (EventStoreAutoConfiguration.storedJson). */
    private final ObjectMapper json = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static List<Class<?>> allEventTypes() {
        List<Class<?>> types = new ArrayList<>();
        Stream.of(DistrictEvent.class, CycleEvent.class, PriorityEvent.class, OpportunityEvent.class,
                        InputEvent.class, TradeoffEvent.class)
                .forEach(root -> types.addAll(List.of(root.getPermittedSubclasses())));
        return types;
    }

    @Test
    void everyEventTypeHasAGoldenDocumentForItsCurrentVersion() {
        for (Class<?> type : allEventTypes()) {
            assertThat(GoldenEventsTest.class.getResource(goldenPath(type, versionOf(type))))
                    .as("golden document for %s v%d", type.getSimpleName(), versionOf(type))
                    .isNotNull();
        }
    }

    @Test
    void goldenDocumentsReadAndWriteBackUnchanged() throws IOException {
        for (Class<?> type : allEventTypes()) {
            try (InputStream in = GoldenEventsTest.class.getResourceAsStream(goldenPath(type, versionOf(type)))) {
                JsonNode golden = json.readTree(in);
                Object event = json.treeToValue(golden, type);
                JsonNode written = json.readTree(json.writeValueAsString(event));
                assertThat(written).as(type.getSimpleName()).isEqualTo(golden);
            }
        }
    }

    private static int versionOf(Class<?> type) {
        EventVersion version = type.getAnnotation(EventVersion.class);
        return version == null ? 1 : version.value();
    }

    private static String goldenPath(Class<?> type, int version) {
        return "/golden/" + type.getSimpleName() + ".v" + version + ".json";
    }
}
