package org.tradeoffs.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRevised;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored by an older version stay readable: the version 1 golden documents of the priority events,
 * written into commit documents the way version 1 stored them, read back through the storage engine as the
 * services build it (with every upcaster bean) as the version 2 golden documents, in tracking streams and in
 * aggregate streams, while the stored text stays untouched.
 */
class StoredVersionOneEventsTest {

    private static final Path GOLDEN = Path.of("..", "events", "src", "test", "resources", "golden");
    private static final String PRIORITY = "9a7e4c11-2b3d-4e5f-8a9b-0c1d2e3f4a5b";

    private final TestStore store = new TestStore();
    private final EventStoreAutoConfiguration configuration = new EventStoreAutoConfiguration();
    private final Serializer serializer = configuration.serializer(configuration.revisionResolver());
    private final ObjectMapper json = EventStoreAutoConfiguration.storedJson();
    private final OrderedMongoEventStorageEngine engine = engineAsTheServicesBuildIt();

    @AfterEach
    void close() {
        store.close();
    }

    private OrderedMongoEventStorageEngine engineAsTheServicesBuildIt() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("priorityCostSplitUpcaster", configuration.priorityCostSplitUpcaster());
        return configuration.eventStorageEngine(store.database, serializer, serializer,
                beans.getBeanProvider(EventUpcaster.class), new TradeoffsMongoProperties());
    }

    @Test
    void versionOnePriorityEventsReachTrackingProcessorsAsTheirVersionTwoGoldenDocuments() throws IOException {
        storeAsVersionOne(List.of(golden("PriorityProposed.v1.json"), golden("PriorityRevised.v1.json")),
                List.of(PriorityProposed.class, PriorityRevised.class));

        List<Object> read = engine.readEvents(null, false).map(message -> (Object) message.getPayload()).toList();

        assertThat(read).containsExactly(
                json.readValue(golden("PriorityProposed.v2.json"), PriorityProposed.class),
                json.readValue(golden("PriorityRevised.v2.json"), PriorityRevised.class));
    }

    @Test
    void versionOnePriorityEventsLoadIntoAnAggregateAsTheirVersionTwoGoldenDocuments() throws IOException {
        storeAsVersionOne(List.of(golden("PriorityProposed.v1.json")), List.of(PriorityProposed.class));
        storeAsVersionOne(List.of(golden("PriorityRevised.v1.json")), List.of(PriorityRevised.class));

        List<Object> loaded = engine.readEvents(PRIORITY).asStream().map(message -> (Object) message.getPayload())
                .toList();

        PriorityProposed proposed = json.readValue(golden("PriorityProposed.v2.json"), PriorityProposed.class);
        assertThat(loaded).containsExactly(proposed,
                json.readValue(golden("PriorityRevised.v2.json"), PriorityRevised.class));
        assertThat(proposed.details().cost()).isEqualTo(CostSplit.allUnallocated(new BigDecimal("1250000.00")));
    }

    @Test
    void readingAVersionOneEventLeavesItsStoredTextAsItWas() throws IOException {
        String stored = golden("PriorityProposed.v1.json");
        storeAsVersionOne(List.of(stored), List.of(PriorityProposed.class));

        engine.readEvents(PRIORITY).asStream().forEach(DomainEventMessage::getPayload);
        engine.readEvents(null, false).forEach(EventMessage::getPayload);

        Document entry = store.database.getCollection("events").find().first().getList("events", Document.class).get(0);
        assertThat(entry.getString("payload")).isEqualTo(stored);
        assertThat(entry.getString("payloadRevision")).isEqualTo("1");
    }

    @Test
    void aVersionTwoEventIsStoredAtRevisionTwoWithItsSplitAndReadsBackUnchanged() {
        PriorityDetails details = new PriorityDetails("Coaches", "", "Coaching raises reading", Fundability.ACTION,
                new CostSplit(new BigDecimal("900000.00"), new BigDecimal("250000.00"), new BigDecimal("0"),
                        new BigDecimal("100000.50")), null);
        PriorityProposed proposed = new PriorityProposed("p-2", "c-1", "d-1", details, "designer");
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("Priority", "p-2", 0, proposed)));

        Document entry = store.database.getCollection("events").find().first().getList("events", Document.class).get(0);
        assertThat(entry.getString("payloadRevision")).isEqualTo("2");
        assertThat(entry.getString("payload"))
                .contains("\"cost\":{\"staff\":900000.00,\"services\":250000.00,\"materials\":0,\"unallocated\":100000.50}")
                .doesNotContain("estimatedAnnualCost", "total");
        assertThat(engine.readEvents("p-2").next().getPayload()).isEqualTo(proposed);
    }

    @Test
    void aVersionOneAmountWithoutDecimalsIsUnallocatedBesideIntegerZeros() {
        String stored = golden("PriorityProposed.v1.json").replace("1250000.00", "640000");
        storeAsVersionOne(List.of(stored), List.of(PriorityProposed.class));

        PriorityProposed read = (PriorityProposed) engine.readEvents(PRIORITY).next().getPayload();

        assertThat(read.details().cost()).isEqualTo(new CostSplit(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("640000")));
    }

    /**
     * One commit document as version 1 of the services wrote it: the payloads' JSON text at revision "1",
     * aggregate "Priority" {@link #PRIORITY} from the next sequence number on.
     */
    private void storeAsVersionOne(List<String> payloads, List<Class<?>> types) {
        Document before = store.database.getCollection("counters").findOneAndUpdate(eq("_id", "events"),
                Updates.inc("position", (long) payloads.size()),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        long first = (before == null ? 0L : before.get("position", Number.class).longValue()) + 1;
        long sequence = engine.lastSequenceNumberFor(PRIORITY).map(last -> last + 1).orElse(0L);
        List<Document> events = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            events.add(new Document("position", first + i)
                    .append("aggregateType", "Priority")
                    .append("aggregateIdentifier", PRIORITY)
                    .append("sequenceNumber", sequence + i)
                    .append("eventIdentifier", UUID.randomUUID().toString())
                    .append("timestamp", Instant.now().toString())
                    .append("payloadType", types.get(i).getName())
                    .append("payloadRevision", "1")
                    .append("payload", payloads.get(i))
                    .append("metaData", "{}"));
            streams.add(PRIORITY + ":" + (sequence + i));
        }
        long last = first + payloads.size() - 1;
        store.database.getCollection("events").insertOne(new Document("_id", last).append("first", first)
                .append("count", payloads.size())
                .append("committedAt", OrderedMongoEventStorageEngine.timeKey(Instant.now()))
                .append("streams", streams)
                .append("events", events));
    }

    private static String golden(String name) {
        try {
            return Files.readString(GOLDEN.resolve(name)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("golden document " + name + " (read from the events module's test resources)", e);
        }
    }
}
