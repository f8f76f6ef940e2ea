package org.tradeoffs.command.priority;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRevised;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A priority proposed by an older version of the service, its {@link PriorityProposed} stored at version 1
 * (one estimated annual cost), is loaded by the aggregate through the upcaster and takes revisions and a
 * decision like any other.
 */
class PriorityStoredAtVersionOneTest {

    private static final Path GOLDEN = Path.of("..", "shared-events", "events", "src", "test", "resources", "golden");
    /** The ids in the golden documents, replaced by the test district's. */
    private static final String GOLDEN_PRIORITY = "9a7e4c11-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String GOLDEN_CYCLE = "5d1c2a7e-8f61-4c0b-b1c4-5a2e9f3d7b21";
    private static final String GOLDEN_DISTRICT = "0b6f0e0e-3c8f-4a55-9d0e-6d1f7c1f2a10";

    /** The engine's fixed-width commit time. */
    private static final DateTimeFormatter COMMITTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static EmbeddedMongo mongo;
    private static CommandSide app;
    private static String district;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        app = CommandSide.start(mongo, null);
        district = app.demoDistrict();
    }

    @AfterAll
    static void stop() {
        app.close();
        mongo.close();
    }

    @Test
    void aPriorityProposedAtVersionOneCanBeRevisedWithACostSplitAndDecided() throws IOException {
        String cycle = app.openCycle(district, "SY 2026-27");
        String priority = UUID.randomUUID().toString();
        storeVersionOneProposal(priority, cycle);

        CommandSide.Response revised = app.put("designer", "/api/cycles/" + cycle + "/priorities/" + priority, """
                {"title":"K-5 early literacy coaches","theoryOfAction":"Coaching raises reading","fundability":"ACTION",
                 "cost":{"staff":"1100000.00","services":"120000.00","materials":"30000.00","unallocated":"0.00"}}""",
                "\"1\"");
        CommandSide.Response approved = app.post("steering", "/api/cycles/" + cycle + "/priorities/" + priority
                + "/decision", "{\"outcome\":\"APPROVED\",\"rationale\":\"LCAP Goal 1\"}", "\"2\"");

        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        assertThat(revised.etag()).isEqualTo("\"2\"");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(eventsOf(priority)).containsExactly(
                new PriorityProposed(priority, cycle, district, new PriorityDetails("K-5 early literacy coaches",
                        "12 FTE instructional coaches across 32 elementary schools",
                        "Job-embedded coaching improves K-5 reading instruction and proficiency", Fundability.ACTION,
                        CostSplit.allUnallocated(new BigDecimal("1250000.00")),
                        "LCAP Goal 1: every student reads at grade level"), "designer"),
                new PriorityRevised(priority, cycle, district, new PriorityDetails("K-5 early literacy coaches", "",
                        "Coaching raises reading", Fundability.ACTION, new CostSplit(new BigDecimal("1100000.00"),
                        new BigDecimal("120000.00"), new BigDecimal("30000.00"), new BigDecimal("0.00")), null),
                        "designer"),
                new PriorityApproved(priority, cycle, district, "LCAP Goal 1", "steering"));
    }

    /** The version 1 golden document of the proposal, stored in a commit of its own as version 1 stored it. */
    private static void storeVersionOneProposal(String priority, String cycle) throws IOException {
        String payload = Files.readString(GOLDEN.resolve("PriorityProposed.v1.json")).strip()
                .replace(GOLDEN_PRIORITY, priority).replace(GOLDEN_CYCLE, cycle).replace(GOLDEN_DISTRICT, district);
        MongoDatabase database = app.bean(MongoDatabase.class);
        Document counter = database.getCollection("counters").findOneAndUpdate(eq("_id", "events"),
                Updates.inc("position", 1L), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        long position = counter.get("position", Number.class).longValue();
        Document event = new Document("position", position)
                .append("aggregateType", "Priority")
                .append("aggregateIdentifier", priority)
                .append("sequenceNumber", 0L)
                .append("eventIdentifier", UUID.randomUUID().toString())
                .append("timestamp", Instant.now().toString())
                .append("payloadType", PriorityProposed.class.getName())
                .append("payloadRevision", "1")
                .append("payload", payload)
                .append("metaData", "{}");
        database.getCollection("events").insertOne(new Document("_id", position).append("first", position)
                .append("count", 1).append("committedAt", COMMITTED_AT.format(Instant.now()))
                .append("streams", List.of(priority + ":0")).append("events", List.of(event)));
    }

    private static List<Object> eventsOf(String aggregateId) {
        List<Object> payloads = new ArrayList<>();
        DomainEventStream events = app.bean(EventStore.class).readEvents(aggregateId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            payloads.add(event.getPayload());
        }
        return payloads;
    }
}
