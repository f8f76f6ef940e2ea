package org.tradeoffs.command.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.eventstore.EmbeddedMongo;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Command responses, accepted or refused, arrive whole: with a {@code Content-Length} that matches their body, not
 * chunked (which cost a second write and a second read for every command).
 */
class WholeResponsesTest {

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
    void anAcceptedCommandsReceiptHasItsLength() {
        CommandSide.Response proposed = app.post("designer", "/api/cycles/" + cycle + "/priorities", PRIORITY);

        assertThat(proposed.status()).isEqualTo(201);
        assertWhole(proposed);
    }

    @Test
    void refusalsHaveTheirLengthToo() {
        CommandSide.Response invalid = app.post("designer", "/api/cycles/" + cycle + "/priorities", "{\"title\":\"\"}");
        CommandSide.Response forbidden = app.post("outsider", "/api/cycles/" + cycle + "/priorities", PRIORITY);
        CommandSide.Response unauthenticated = app.post("nobody", "/api/cycles/" + cycle + "/priorities", PRIORITY);

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertWhole(invalid);
        assertWhole(forbidden);
        assertWhole(unauthenticated);
    }

    private static void assertWhole(CommandSide.Response response) {
        assertThat(response.body()).isNotEmpty();
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
    }
}
