package org.tradeoffs.endtoend;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.eventstore.EmbeddedMongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Read models are disposable: replaying the log rebuilds them exactly; a restart loses nothing. */
class ReplayAndRestartEndToEndTest {

    private static final Set<String> STORE_COLLECTIONS = Set.of("events", "snapshots", "counters", "trackingtokens",
            "sagas", "deadletters");
    private static final List<String> PROCESSORS = List.of("directory", "priority-board", "timeline", "savings", "stakeholder-inputs", "tradeoffs", "audit-chain",
            "provenance");

    private EmbeddedMongo mongo;
    private Services services;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        services = Services.start(mongo);
    }

    @AfterEach
    void stop() {
        services.close();
        mongo.close();
    }

    private String seed() {
        String district = Scenario.district(services, "Tracy USD", 17000);
        String cycle = Scenario.cycle(services, district, "SY 2027-28");
        for (int i = 1; i <= 5; i++) {
            String priority = call("designer", "POST", CollaborationEndToEndTest.PRIORITIES,
                    CollaborationEndToEndTest.COACHES.replace("K-5 early literacy coaches", "Priority " + i), cycle).id();
            if (i % 2 == 0) {
                call("steering", "POST", CollaborationEndToEndTest.PRIORITY + "/decision",
                        "{\"outcome\":\"APPROVED\",\"rationale\":\"Funded\"}", cycle, priority);
            }
        }
        return cycle;
    }

    private Http.Response call(String user, String method, String template, String body, Object... args) {
        return Http.call(services.commandUrl(), user, method, template, body, List.of(), args);
    }

    /** Every read-model document, per collection, in _id order. */
    private Map<String, List<String>> readModels() {
        MongoDatabase database = services.query.getBean(MongoDatabase.class);
        Map<String, List<String>> content = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (!STORE_COLLECTIONS.contains(name)) {
                List<String> documents = new ArrayList<>();
                database.getCollection(name).find().sort(new Document("_id", 1))
                        .forEach(document -> documents.add(document.toJson()));
                content.put(name, documents);
            }
        }
        return content;
    }

    private void awaitCaughtUp() {
        long head = services.headPosition();
        EventProcessingConfiguration processing = services.query.getBean(EventProcessingConfiguration.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String name : PROCESSORS) {
                TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class)
                        .orElseThrow();
                assertThat(processor.processingStatus().values())
                        .allSatisfy(status -> assertThat(status.getCurrentPosition()).hasValue(head));
            }
        });
    }

    @Test
    void resettingTheProcessorsAndReplayingRebuildsIdenticalReadModels() {
        seed();
        awaitCaughtUp();
        Map<String, List<String>> before = readModels();
        assertThat(before.values().stream().mapToInt(List::size).sum()).isGreaterThan(5);

        EventProcessingConfiguration processing = services.query.getBean(EventProcessingConfiguration.class);
        for (String name : PROCESSORS) {
            TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        awaitCaughtUp();

        assertThat(readModels()).isEqualTo(before);
    }

    @Test
    void restartingOnTheSameDataKeepsEverything() {
        String cycle = seed();
        awaitCaughtUp();
        long head = services.headPosition();
        String boardBefore = Http.call(services.queryUrl(), "auditor", "GET", CollaborationEndToEndTest.PRIORITIES,
                null, List.of(), cycle).body();

        services.close();
        services = Services.start(mongo);

        assertThat(services.headPosition()).isEqualTo(head);
        assertThat(Http.call(services.queryUrl(), "auditor", "GET", CollaborationEndToEndTest.PRIORITIES, null,
                List.of(), cycle).body()).isEqualTo(boardBefore);
        Http.Response next = call("designer", "POST", CollaborationEndToEndTest.PRIORITIES,
                CollaborationEndToEndTest.COACHES, cycle);
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.json().get("position").asLong()).isEqualTo(head + 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Http.call(services.queryUrl(), "auditor", "GET", CollaborationEndToEndTest.PRIORITIES, null,
                        List.of(), cycle).json()).hasSize(6));
    }
}
