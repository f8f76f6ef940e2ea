package org.tradeoffs.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.junit.jupiter.api.Test;
import org.tradeoffs.events.cycle.CycleEvent;
import org.tradeoffs.events.district.DistrictEvent;
import org.tradeoffs.events.input.InputEvent;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.tradeoff.TradeoffEvent;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored events must stay readable forever. Every event type has a golden JSON document per version,
 * written the way the event store serializes payloads; a change to an event's shape fails here and
 * needs a new version with an upcaster instead.
 */
class GoldenEventsTest {

    /**
     * Configured as the event store's serializer is (EventStoreAutoConfiguration.storedJson), and reading trees
     * exactly: Jackson's trees strip trailing zeros by default, which would let {@code 1250000.00} read back as
     * {@code 1.25E+6} unnoticed.
     */
    private final ObjectMapper json = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

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

    /** A new version does not retire the old documents: the upcaster tests (event store) read them as stored long ago. */
    @Test
    void everyEarlierVersionKeepsItsGoldenDocument() {
        for (Class<?> type : allEventTypes()) {
            for (int version = 1; version < versionOf(type); version++) {
                assertThat(GoldenEventsTest.class.getResource(goldenPath(type, version)))
                        .as("golden document for %s v%d", type.getSimpleName(), version)
                        .isNotNull();
            }
        }
    }

    @Test
    void aCostSplitStoresItsFourPartsAndNotItsTotal() throws IOException {
        CostSplit cost = new CostSplit(new BigDecimal("900000.00"), new BigDecimal("250000.00"),
                new BigDecimal("40000.50"), new BigDecimal("59999.50"));

        JsonNode written = json.readTree(json.writeValueAsString(cost));

        assertThat(written.properties()).extracting(Map.Entry::getKey)
                .containsExactly("staff", "services", "materials", "unallocated");
        assertThat(cost.total()).isEqualByComparingTo("1250000.00");
        assertThat(json.treeToValue(written, CostSplit.class)).isEqualTo(cost);
    }

    @Test
    void anAmountWithoutASplitIsWhollyUnallocatedWithZerosOfItsScale() {
        CostSplit cost = CostSplit.allUnallocated(new BigDecimal("720000.00"));

        assertThat(cost).isEqualTo(new CostSplit(new BigDecimal("0.00"), new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("720000.00")));
        assertThat(cost.total()).isEqualTo(new BigDecimal("720000.00"));
    }

    private static int versionOf(Class<?> type) {
        EventVersion version = type.getAnnotation(EventVersion.class);
        return version == null ? 1 : version.value();
    }

    private static String goldenPath(Class<?> type, int version) {
        return "/golden/" + type.getSimpleName() + ".v" + version + ".json";
    }
}
