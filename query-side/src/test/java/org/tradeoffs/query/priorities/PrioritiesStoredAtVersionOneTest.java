package org.tradeoffs.query.priorities;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradeoffs.auditchain.ExportVerifier;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.query.QueryApplication;
import org.tradeoffs.query.TestMongo;

/**
 * The whole query side over a store holding priority events written by an older version, at version 1 (one
 * estimated annual cost), beside version 2 events: the board shows the old amount as the unallocated part of the
 * cost split, the timeline its total, and the audit trail seals and exports the events as stored, still intact.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QueryApplication.CONFIG_NAME)
class PrioritiesStoredAtVersionOneTest {

    @RegisterExtension
    static final TestMongo MONGO = new TestMongo();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path GOLDEN = Path.of("..", "shared-events", "events", "src", "test", "resources", "golden");
    /** The ids in the golden documents, replaced by the test's. */
    static final String GOLDEN_PRIORITY = "9a7e4c11-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String GOLDEN_CYCLE = "5d1c2a7e-8f61-4c0b-b1c4-5a2e9f3d7b21";
    static final String GOLDEN_DISTRICT = "0b6f0e0e-3c8f-4a55-9d0e-6d1f7c1f2a10";
    static final DateTimeFormatter COMMITTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        MONGO.register(properties);
    }


    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase database;

    private final String district = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();

    @Test
    void oldPriorityEventsShowTheirAmountAsUnallocatedAndStayVerifiableAsStored() throws IOException {
        publish("District", district, 0, new DistrictRegistered(district, "Hayward USD", 22272, "admin"));
        publish("District", district, 1, new MemberRoleGranted(district, "auditor", Role.AUDITOR, "admin"));
        publish("Cycle", cycle, 0, new PlanningCycleOpened(cycle, district, "SY 2025-26", "steering"));
        String revisedOnlyOnce = UUID.randomUUID().toString();
        String revisedSinceSplit = UUID.randomUUID().toString();
        String proposal = golden("PriorityProposed.v1.json", revisedOnlyOnce);
        long oldProposal = storeAsVersionOne(revisedOnlyOnce, 0, PriorityProposed.class, proposal);
        storeAsVersionOne(revisedOnlyOnce, 1, PriorityRevised.class,
                golden("PriorityRevised.v1.json", revisedOnlyOnce).replace("1250000.00", "960000.00"));
        storeAsVersionOne(revisedSinceSplit, 0, PriorityProposed.class, golden("PriorityProposed.v1.json",
                revisedSinceSplit).replace("1250000.00", "640000"));
        publish("Priority", revisedSinceSplit, 1, new PriorityRevised(revisedSinceSplit, cycle, district,
                new PriorityDetails("Newcomer support", "", "Newcomer staff", Fundability.ACTION, new CostSplit(
                        new BigDecimal("500000.00"), new BigDecimal("100000.00"), new BigDecimal("10000.00"),
                        new BigDecimal("0.00")), null), "designer"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ResponseEntity<String> board = get("/api/cycles/" + cycle + "/priorities");
            assertThat(board.getStatusCode().value()).isEqualTo(200);
            JsonNode priorities = JSON.readTree(board.getBody());
            assertThat(priorities).hasSize(2);
            assertThat(priorities.get(1).path("version").asLong()).isEqualTo(2);
        });
        ResponseEntity<String> board = get("/api/cycles/" + cycle + "/priorities");
        assertThat(Contract.load().validateResponse("GET", "/api/cycles/{cycleId}/priorities", 200,
                board.getHeaders().getContentType().toString(), board.getBody())).isEmpty();
        JsonNode priorities = JSON.readTree(board.getBody());
        assertThat(priorities.get(0).path("id").asText()).isEqualTo(revisedOnlyOnce);
        assertThat(priorities.get(0).path("cost")).isEqualTo(JSON.readTree("""
                {"staff": "0.00", "services": "0.00", "materials": "0.00", "unallocated": "960000.00"}"""));
        assertThat(priorities.get(0).path("estimatedAnnualCost").asText()).isEqualTo("960000.00");
        assertThat(priorities.get(1).path("cost")).isEqualTo(JSON.readTree("""
                {"staff": "500000.00", "services": "100000.00", "materials": "10000.00", "unallocated": "0.00"}"""));
        assertThat(priorities.get(1).path("estimatedAnnualCost").asText()).isEqualTo("610000.00");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/cycles/" + cycle + "/timeline?after=0&limit=20").getBody())
                        .contains("($1,250,000.00/yr)", "($960,000.00/yr)", "($640,000.00/yr)", "($610,000.00/yr)"));

        long head = lastPositionOf(revisedSinceSplit);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(JSON.readTree(
                get("/api/districts/" + district + "/audit/verify").getBody()).path("head").path("position").asLong())
                .isEqualTo(head));
        JsonNode verification = JSON.readTree(get("/api/districts/" + district + "/audit/verify").getBody());
        assertThat(verification.path("intact").asBoolean()).isTrue();
        assertThat(verification.path("checked").asLong()).isEqualTo(7);
        String export = get("/api/districts/" + district + "/audit/export").getBody();
        assertThat(ExportVerifier.verify(new BufferedReader(new StringReader(export)), null).intact()).isTrue();
        JsonNode exported = lineAt(export, oldProposal);
        assertThat(exported.path("payload")).isEqualTo(JSON.readTree(proposal));
        assertThat(exported.path("payload").path("details").path("estimatedAnnualCost").decimalValue())
                .isEqualByComparingTo("1250000.00");
    }

    private void publish(String type, String aggregateId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, event));
    }

    /** The golden version 1 document, for this test's cycle and district and the given priority. */
    private String golden(String name, String priority) throws IOException {
        return Files.readString(GOLDEN.resolve(name)).strip().replace(GOLDEN_PRIORITY, priority)
                .replace(GOLDEN_CYCLE, cycle).replace(GOLDEN_DISTRICT, district);
    }

    /** A commit document of one event as version 1 of the services stored it; answers its position. */
    private long storeAsVersionOne(String priority, long sequence, Class<?> type, String payload) {
        Document counter = database.getCollection("counters").findOneAndUpdate(eq("_id", "events"),
                Updates.inc("position", 1L), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        long position = counter.get("position", Number.class).longValue();
        Document event = new Document("position", position)
                .append("aggregateType", "Priority")
                .append("aggregateIdentifier", priority)
                .append("sequenceNumber", sequence)
                .append("eventIdentifier", UUID.randomUUID().toString())
                .append("timestamp", Instant.now().toString())
                .append("payloadType", type.getName())
                .append("payloadRevision", "1")
                .append("payload", payload)
                .append("metaData", "{}");
        database.getCollection("events").insertOne(new Document("_id", position).append("first", position)
                .append("count", 1).append("committedAt", COMMITTED_AT.format(Instant.now()))
                .append("streams", List.of(priority + ":" + sequence)).append("events", List.of(event)));
        return position;
    }

    private long lastPositionOf(String aggregateId) {
        List<Long> positions = new ArrayList<>();
        database.getCollection("events").find().forEach(commit -> commit.getList("events", Document.class)
                .stream().filter(entry -> aggregateId.equals(entry.getString("aggregateIdentifier")))
                .forEach(entry -> positions.add(entry.getLong("position"))));
        return positions.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private static JsonNode lineAt(String export, long position) throws IOException {
        for (String line : export.split("\n")) {
            JsonNode json = JSON.readTree(line);
            if (json.path("position").asLong() == position) {
                return json;
            }
        }
        throw new AssertionError("no export line at position " + position);
    }

    private ResponseEntity<String> get(String path) {
        return http.withBasicAuth("auditor", "demo").getForEntity(path, String.class);
    }
}
