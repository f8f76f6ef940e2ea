package org.tradeoffs.command.web;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.eventstore.EmbeddedMongo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write whose insert came after the event store's readers had given its positions up (a hole older than the hole
 * timeout, burned) stored nothing: it is answered 503 {@code not-stored} with {@code Retry-After}, and the same
 * request sent again is stored.
 */
class LateAppendTest {

    private static final String PRIORITY = """
            {"title":"Middle-school math intervention","description":"6 intervention teachers",
             "theoryOfAction":"Small-group intervention closes grade-7 math gaps","fundability":"ACTION",
             "estimatedAnnualCost":"720000.00"}""";

    private static EmbeddedMongo mongo;
    private static CommandSide app;
    private static String cycle;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        app = CommandSide.start(mongo, null);
        cycle = app.openCycle(app.demoDistrict(), "SY 2026-27");
    }

    @AfterAll
    static void stop() {
        app.close();
        mongo.close();
    }

    @Test
    void aWriteWhosePositionAReaderBurnedIsAnsweredNotStoredAndCanBeSentAgain() {
        MongoDatabase database = app.bean(MongoDatabase.class);
        long next = database.getCollection("counters").find(Filters.eq("_id", "events")).first()
                .getLong("position") + 1;
        // what a reader leaves at a position it waited for longer than the hole timeout: as if this write's insert
        // came that late
        database.getCollection("events").insertOne(new Document("_id", next).append("first", next).append("count", 1)
                .append("committedAt", "2026-12-02T17:00:00.000000000Z").append("streams", List.of("~burned:" + next))
                .append("tags", List.of()).append("events", List.of()));
        long priorities = priorityEvents(database);

        CommandSide.Response late = app.post("designer", "/api/cycles/" + cycle + "/priorities", PRIORITY);

        assertThat(late.status()).isEqualTo(503);
        assertThat(late.json().path("code").asText()).isEqualTo("not-stored");
        assertThat(late.headers().firstValue("Retry-After")).hasValue("1");
        ContractChecks.conforms("POST", "/api/cycles/{cycleId}/priorities", 503, late.body());
        assertThat(priorityEvents(database)).isEqualTo(priorities);

        CommandSide.Response again = app.post("designer", "/api/cycles/" + cycle + "/priorities", PRIORITY);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("position").asLong()).isGreaterThan(next);
        assertThat(priorityEvents(database)).isEqualTo(priorities + 1);
    }

    private static long priorityEvents(MongoDatabase database) {
        return database.getCollection("events").countDocuments(Filters.eq("events.payloadType",
                "org.tradeoffs.events.priority.PriorityProposed"));
    }
}
