package org.tradeoffs.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradeoffs.eventstore.EmbeddedMongo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tradeoffs.endtoend.CatchUpEndToEndTest.PRIORITIES_TOPIC;
import static org.tradeoffs.endtoend.CatchUpEndToEndTest.TIMELINE_TOPIC;
import static org.tradeoffs.endtoend.CatchUpEndToEndTest.together;
import static org.tradeoffs.endtoend.CatchUpEndToEndTest.topic;

/**
 * Two query-side instances on one store, as {@code ./run.sh --query-instances 2} runs them: one runs the processors
 * (the other's claims fail), both push every change from the change log they share, a client catches up on either,
 * and when the instance running the processors stops, the other takes them over and its subscribers miss nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoQueryInstancesEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static EmbeddedMongo mongo;
    static Services services;
    static ConfigurableApplicationContext second;
    static String district;
    static ExecutorService writers;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        services = Services.start(mongo);
        // the second instance holds no recent changes in memory: a client switching to it catches up from the change
        // log, where the first instance serves recent gaps from memory
        second = services.startAnotherQuery("query-side-2", "--tradeoffs.live.recent-changes=0");
        district = Scenario.district(services, "Oakland USD", 34000);
        writers = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        writers.shutdownNow();
        second.close();
        services.close();
        mongo.close();
    }

    private static String cycle(String name) {
        String cycle = Scenario.cycle(services, district, name);
        for (String url : List.of(services.queryUrl(), Services.url(second))) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    Http.call(url, "auditor", "GET", "/api/cycles/{cycleId}", null, List.of(), cycle).status())
                    .isEqualTo(200));
        }
        return cycle;
    }

    /** Per streaming processor of the instance, whether it holds the claim of its (one) segment. */
    private static Map<String, Boolean> claims(ConfigurableApplicationContext query) {
        Map<String, Boolean> claims = new TreeMap<>();
        query.getBean(EventProcessingConfiguration.class).eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                claims.put(name, !streaming.processingStatus().isEmpty());
            }
        });
        return claims;
    }

    @Test
    @Order(1)
    void oneInstanceRunsTheProcessorsAndBothPushEveryChangeAndReadTheirWrites() throws Exception {
        String cycle = cycle("Two instances");
        String topic = topic(TIMELINE_TOPIC, cycle);
        long before = services.headPosition();
        try (RawStomp onFirst = RawStomp.connect(services.stompUrl(), "auditor");
             RawStomp onSecond = RawStomp.connect(Services.stompUrl(second), "steering")) {
            onFirst.subscribe(topic, TIMELINE_TOPIC, null);
            onSecond.subscribe(topic, TIMELINE_TOPIC, null);
            onFirst.startReading();
            onSecond.startReading();
            Scenario.awaitSubscribed(services.query, topic, 1);
            Scenario.awaitSubscribed(second, topic, 1);

            long last = new PriorityBurst(services, cycle, "Both instances").write(10);

            JsonNode board = Http.call(Services.url(second), "designer", "GET",
                    CollaborationEndToEndTest.PRIORITIES + "?minPosition=" + last, null, List.of(), cycle).json();
            assertThat(board.findValuesAsText("title")).contains("Burst priority 9");
            List<Changes.Change> listed = Changes.all(Services.url(second), cycle, "timeline", before, last, 4);
            assertThat(listed).hasSize(10);
            assertThat(Changes.all(services.queryUrl(), cycle, "timeline", before, last, 1000)).isEqualTo(listed);
            await().atMost(PATIENCE).untilAsserted(() -> {
                Changes.assertSameFrames(onFirst.messages, listed);
                Changes.assertSameFrames(onSecond.messages, listed);
            });
            // each processor runs on one instance only (the one that claimed it first; the first started first)
            Map<String, Boolean> onFirstInstance = claims(services.query);
            Map<String, Boolean> onSecondInstance = claims(second);
            assertThat(onFirstInstance).isNotEmpty().containsValue(true);
            assertThat(onSecondInstance.keySet()).isEqualTo(onFirstInstance.keySet());
            onFirstInstance.forEach((processor, claimed) -> assertThat(onSecondInstance.get(processor))
                    .as("%s claimed by the second instance", processor).isNotEqualTo(claimed));
        }
    }

    @Test
    @Order(2)
    void aSubscriberCutOffOnOneInstanceCatchesUpOnTheOtherWithEveryChangeOnceAndInOrder() throws Exception {
        String cycle = cycle("Switching instances");
        String topic = topic(PRIORITIES_TOPIC, cycle);
        long before = services.headPosition();
        PriorityBurst burst = new PriorityBurst(services, cycle, "Reconnecting");
        try (RawStomp cut = RawStomp.connect(services.stompUrl(), "auditor");
             RawStomp steady = RawStomp.connect(Services.stompUrl(second), "analyst")) {
            cut.subscribe(topic, PRIORITIES_TOPIC, null);
            steady.subscribe(topic, PRIORITIES_TOPIC, null);
            cut.startReading();
            steady.startReading();
            Scenario.awaitSubscribed(services.query, topic, 1);
            Scenario.awaitSubscribed(second, topic, 1);

            CountDownLatch dropped = new CountDownLatch(1);
            Future<Long> writer = writers.submit(() -> {
                burst.write(20);
                assertThat(dropped.await(60, TimeUnit.SECONDS)).isTrue();
                return burst.write(40);
            });
            await().atMost(PATIENCE).until(() -> cut.messages.size() >= 5);
            cut.kill();
            await().atMost(PATIENCE).until(cut::ended);
            long lastSeen = cut.lastPosition(before);
            dropped.countDown();
            await().atMost(PATIENCE).until(() -> burst.written() >= 30);
            try (RawStomp again = RawStomp.connect(Services.stompUrl(second), "auditor")) {
                again.subscribe(topic, PRIORITIES_TOPIC, lastSeen);
                again.startReading();
                long last = writer.get(120, TimeUnit.SECONDS);

                List<Changes.Change> listed = Changes.all(Services.url(second), cycle, "priorities", before, last, 25);
                assertThat(listed).hasSize(60);
                assertThat(lastSeen).isLessThan(listed.get(29).position());
                await().atMost(PATIENCE).untilAsserted(() -> {
                    Changes.assertSameFrames(together(cut, again), listed);
                    Changes.assertSameFrames(steady.messages, listed);
                });
                assertThat(again.errors).isEmpty();
            }
        }
    }

    /** Runs last: it stops the first instance. */
    @Test
    @Order(3)
    void whenTheInstanceRunningTheProcessorsStopsTheOtherTakesOverAndNobodyMissesAChange() throws Exception {
        String cycle = cycle("Failover");
        String topic = topic(PRIORITIES_TOPIC, cycle);
        long before = services.headPosition();
        PriorityBurst burst = new PriorityBurst(services, cycle, "Failing over");
        try (RawStomp onFirst = RawStomp.connect(services.stompUrl(), "auditor");
             RawStomp onSecond = RawStomp.connect(Services.stompUrl(second), "analyst")) {
            onFirst.subscribe(topic, PRIORITIES_TOPIC, null);
            onSecond.subscribe(topic, PRIORITIES_TOPIC, null);
            onFirst.startReading();
            onSecond.startReading();
            Scenario.awaitSubscribed(services.query, topic, 1);
            Scenario.awaitSubscribed(second, topic, 1);

            CountDownLatch stopping = new CountDownLatch(1);
            Future<Long> writer = writers.submit(() -> {
                burst.write(10);
                assertThat(stopping.await(60, TimeUnit.SECONDS)).isTrue();
                return burst.write(20);
            });
            await().atMost(PATIENCE).until(() -> onFirst.messages.size() >= 3);
            stopping.countDown();
            services.query.close(); // while the burst goes on
            await().atMost(PATIENCE).until(onFirst::ended);
            try (RawStomp again = RawStomp.connect(Services.stompUrl(second), "auditor")) {
                again.subscribe(topic, PRIORITIES_TOPIC, onFirst.lastPosition(before));
                again.startReading();
                long last = writer.get(120, TimeUnit.SECONDS);

                List<Changes.Change> listed = Changes.all(Services.url(second), cycle, "priorities", before, last, 1000);
                assertThat(listed).hasSize(30);
                await().atMost(PATIENCE).untilAsserted(() -> {
                    Changes.assertSameFrames(onSecond.messages, listed);
                    Changes.assertSameFrames(together(onFirst, again), listed);
                });
            }
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(claims(second).values())
                    .as("the second instance runs every processor now").containsOnly(true));
        }
    }
}
