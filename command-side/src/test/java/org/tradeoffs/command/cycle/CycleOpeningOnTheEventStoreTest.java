package org.tradeoffs.command.cycle;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.command.savings.OpportunityNumbers;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.events.savings.OpportunityListed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening a cycle and numbering opportunities, on the real event store. */
class CycleOpeningOnTheEventStoreTest {

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

    private static String openCycle(String name) {
        return app.openCycle(district, name);
    }

    @Test
    void openingACycleStoresItAndIts31OpportunitiesInOneCommit() {
        CommandSide.Response opened = app.post("steering", "/api/districts/" + district + "/cycles",
                "{\"name\":\"SY 2027-28\"}");
        String cycle = opened.id();
        assertThat(opened.etag()).isEqualTo("\"1\"");

        // every "aggregateId:sequence" key is unique in the store, so these are all of the 32 events
        List<Document> commits = app.bean(MongoDatabase.class).getCollection("events")
                .find(Filters.eq("streams", cycle + ":0")).into(new ArrayList<>());
        assertThat(commits).hasSize(1);
        Document commit = commits.get(0);
        assertThat(commit.getLong("_id")).isEqualTo(opened.json().path("position").asLong());
        assertThat(commit.getInteger("count")).isEqualTo(32);
        List<String> expectedStreams = new ArrayList<>(List.of(cycle + ":0"));
        IntStream.rangeClosed(1, 31).forEach(n -> expectedStreams.add(OpportunityNumbers.idOf(cycle, n) + ":0"));
        assertThat(commit.getList("streams", String.class)).containsExactlyElementsOf(expectedStreams);
        assertThat(commit.getList("events", Document.class).stream().map(e -> e.getString("payloadType")).distinct())
                .containsExactly("org.tradeoffs.events.cycle.PlanningCycleOpened",
                        "org.tradeoffs.events.savings.OpportunityListed");
    }

    @Test
    void aRefusedOpeningStoresNeitherTheCycleNorItsOpportunities() {
        long head = app.bean(OrderedMongoEventStorageEngine.class).headPosition();

        CommandSide.Response refused = app.post("designer", "/api/districts/" + district + "/cycles",
                "{\"name\":\"SY 2028-29\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(app.bean(OrderedMongoEventStorageEngine.class).headPosition()).isEqualTo(head);
    }

    @Test
    void anItemOfAnotherKindIsNotFoundAndNothingIsStored() {
        String cycle = openCycle("SY 2032-33");
        String opportunity = OpportunityNumbers.idOf(cycle, 1);
        long head = app.bean(OrderedMongoEventStorageEngine.class).headPosition();

        // the cycle's id and an opportunity's, where a priority's belongs
        for (String notAPriority : List.of(cycle, opportunity)) {
            CommandSide.Response decided = app.post("steering",
                    "/api/cycles/" + cycle + "/priorities/" + notAPriority + "/decision",
                    "{\"outcome\":\"APPROVED\",\"rationale\":\"Strongest evidence\"}", "\"1\"");

            assertThat(decided.status()).isEqualTo(404);
            assertThat(decided.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(decided.json().path("code").asText()).isEqualTo("not-found");
        }
        assertThat(app.bean(OrderedMongoEventStorageEngine.class).headPosition()).isEqualTo(head);
    }

    @Test
    void ownOpportunitiesAreNumberedFrom32EvenWhenAddedAtTheSameTime() {
        String cycle = openCycle("SY 2029-30");

        List<CompletableFuture<CommandSide.Response>> added = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> app.post("designer",
                        "/api/cycles/" + cycle + "/opportunities",
                        "{\"focusArea\":\"MAXIMIZING_REVENUE\",\"question\":\"Own question " + i + "\"}")))
                .toList();

        List<Integer> numbers = new ArrayList<>();
        for (CompletableFuture<CommandSide.Response> response : added) {
            assertThat(response.join().status()).isEqualTo(201);
            assertThat(response.join().etag()).isEqualTo("\"1\"");
            OpportunityListed listed = (OpportunityListed) app.bean(EventStore.class)
                    .readEvents(response.join().id()).next().getPayload();
            assertThat(listed.catalog()).isFalse();
            numbers.add(listed.number());
        }
        assertThat(numbers).containsExactlyInAnyOrder(32, 33, 34, 35);
    }

    @Test
    void anOpportunityIsAnalysedAndSizedOverHttp() {
        String cycle = openCycle("SY 2030-31");
        String buses = "/api/cycles/" + cycle + "/opportunities/" + OpportunityNumbers.idOf(cycle, 1);

        CommandSide.Response tooEarly = app.post("analyst", buses + "/budget-lines",
                "{\"path\":\"Operations / Transportation\",\"annualAmount\":\"4100000.00\"}");
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.json().path("code").asText()).isEqualTo("opportunity-not-screened");
        CommandSide.Response screened = app.post("designer", buses + "/screening",
                "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Largest operational line\"}", "\"1\"");
        assertThat(screened.status()).isEqualTo(200);
        assertThat(screened.etag()).isEqualTo("\"2\"");
        String line = app.post("analyst", buses + "/budget-lines",
                "{\"path\":\"Operations / Transportation / General education routes\",\"annualAmount\":\"4100000.00\"}")
                .id();
        CommandSide.Response driver = app.post("analyst", buses + "/cost-drivers",
                "{\"name\":\"Buses\",\"unit\":\"bus\",\"quantity\":40,\"unitCost\":\"95000.00\",\"trend\":\"RISING\","
                        + "\"budgetLineId\":\"" + line + "\"}");
        assertThat(driver.status()).isEqualTo(201);

        CommandSide.Response datedPolicy = app.post("analyst", buses + "/constraints",
                "{\"kind\":\"STATE_POLICY\",\"rigid\":true,\"description\":\"Ed Code\",\"renegotiationDate\":\"2027-07-01\"}");
        assertThat(datedPolicy.status()).isEqualTo(400);
        assertThat(datedPolicy.json().path("errors").get(0).path("field").asText()).isEqualTo("renegotiationDate");

        CommandSide.Response sized = app.post("analyst", buses + "/sizings",
                "{\"adjustments\":[{\"driverId\":\"" + driver.id() + "\",\"conservativeQuantity\":36,"
                        + "\"ambitiousQuantity\":\"32\"}],\"ease\":4}", "\"4\"");

        assertThat(sized.status()).isEqualTo(201);
        assertThat(sized.json().path("low").asText()).isEqualTo("380000.00");
        assertThat(sized.json().path("high").asText()).isEqualTo("760000.00");
        assertThat(sized.json().path("version").asLong()).isEqualTo(5);
        CommandSide.Response stale = app.post("analyst", buses + "/sizings",
                "{\"adjustments\":[{\"driverId\":\"" + driver.id() + "\",\"ambitiousQuantity\":30}],\"ease\":4}",
                "\"4\"");
        assertThat(stale.status()).isEqualTo(412);
        CommandSide.Response otherCycle = app.post("analyst", "/api/cycles/" + openCycle("SY 2031-32")
                + "/opportunities/" + OpportunityNumbers.idOf(cycle, 1) + "/screening",
                "{\"decision\":\"SCREENED_OUT\",\"reason\":\"x\"}");
        assertThat(otherCycle.status()).isEqualTo(404);
    }
}
