package org.tradeoffs.command.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused before any controller sees them (Spring Security's firewall, the container) are answered with
 * problem documents like every other refusal, and store nothing.
 */
class RejectedBeforeAnyControllerTest {

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
    void aPathTheFirewallRefusesIsABadRequestProblem() {
        long head = app.bean(OrderedMongoEventStorageEngine.class).headPosition();

        // a matrix parameter, a double slash: the firewall refuses each before any controller
        for (String path : List.of("/api/cycles/" + cycle + ";x=1/priorities",
                "/api/cycles//" + cycle + "/priorities")) {
            CommandSide.Response refused = app.post("designer", path, "{\"title\":\"Literacy coaches\"}");

            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(refused.json().path("code").asText()).as(path).isEqualTo("malformed-request");
            assertThat(refused.json().path("status").asInt()).as(path).isEqualTo(400);
            assertThat(refused.body()).as(path).doesNotContain("Exception");
        }
        assertThat(app.bean(OrderedMongoEventStorageEngine.class).headPosition()).isEqualTo(head);
    }
}
