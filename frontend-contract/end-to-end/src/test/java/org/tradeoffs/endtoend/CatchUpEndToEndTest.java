package org.tradeoffs.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.query.readmodel.ReadModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collaborator whose connection drops, or who stops reading, misses nothing: reconnecting with
 * {@code since-position} (or asking {@code GET /changes}) gives every change after the last one seen, once each,
 * in position order, exactly as the undisturbed collaborators received them; a stalled one holds up nobody.
 */
class CatchUpEndToEndTest {

    static final String PRIORITIES_TOPIC = "/topic/cycles/{cycleId}/priorities";
    static final String TIMELINE_TOPIC = "/topic/cycles/{cycleId}/timeline";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int SEND_BUFFER_LIMIT = 256 * 1024;

    static EmbeddedMongo mongo;
    static Services services;
    static String district;
    static ExecutorService writers;
    static final Map<String, CloseStatus> disconnects = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        // Small socket buffers: a stalled client blocks the server's writes to it after a few frames, and a big
        // catch-up has to wait in the session's send buffer. The send time limit that drops a stalled client is 10 s
        // here (5 s by default), so that the burst the others must receive while it is still connected surely fits.
        // The send buffer limit is 256 KiB (1 MiB by default), so that a burst a slow client cannot keep up with
        // surely outgrows it.
        services = Services.start(mongo, List.of(SmallSocketBuffers.class),
                "--tradeoffs.websocket.send-time-limit=10000",
                "--tradeoffs.websocket.send-buffer-size-limit=" + SEND_BUFFER_LIMIT);
        services.query.addApplicationListener(event -> {
            if (event instanceof SessionDisconnectEvent disconnect) {
                disconnects.put(disconnect.getSessionId(), disconnect.getCloseStatus());
            }
        });
        district = Scenario.district(services, "Fresno USD", 71000);
        writers = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        writers.shutdownNow();
        services.close();
        mongo.close();
    }

    /** A new cycle, once the query side knows it (subscriptions to an unknown cycle are refused). */
    static String readableCycle(Services services, String queryUrl, String district, String name) {
        String cycle = Scenario.cycle(services, district, name);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Http.call(queryUrl, "auditor", "GET", "/api/cycles/{cycleId}", null, List.of(), cycle).status())
                .isEqualTo(200));
        return cycle;
    }

    static String topic(String template, String cycle) {
        return template.replace("{cycleId}", cycle);
    }

    /** What a client that reconnected has, in the order it got it: the frames before the drop, then after. */
    static List<RawStomp.Message> together(RawStomp before, RawStomp after) {
        List<RawStomp.Message> all = new ArrayList<>(before.messages);
        all.addAll(after.messages);
        return all;
    }

    @Test
    void aSubscriberCutOffInTheMiddleOfABurstCatchesUpWithEveryChangeOnceAndInOrder() throws Exception {
        String cycle = readableCycle(services, services.queryUrl(), district, "Cut off");
        String topic = topic(PRIORITIES_TOPIC, cycle);
        long before = services.headPosition();
        PriorityBurst burst = new PriorityBurst(services, cycle, "Weekly coaching");
        try (RawStomp cut = RawStomp.connect(services.stompUrl(), "auditor");
             RawStomp steady = RawStomp.connect(services.stompUrl(), "analyst")) {
            cut.subscribe(topic, PRIORITIES_TOPIC, null);
            steady.subscribe(topic, PRIORITIES_TOPIC, null);
            cut.startReading();
            steady.startReading();
            Scenario.awaitSubscribed(services, topic, 2);

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
            // reconnect while the burst goes on, having missed some of it
            await().atMost(PATIENCE).until(() -> burst.written() >= 30);
            try (RawStomp again = RawStomp.connect(services.stompUrl(), "auditor")) {
                again.subscribe(topic, PRIORITIES_TOPIC, lastSeen);
                again.startReading();
                long last = writer.get(120, TimeUnit.SECONDS);

                List<Changes.Change> listed = Changes.all(services.queryUrl(), cycle, "priorities", before, last, 25);
                assertThat(listed).hasSize(60).extracting(Changes.Change::topic).containsOnly("priorities");
                assertThat(Changes.positions(listed)).isSorted().doesNotHaveDuplicates().last().isEqualTo(last);
                assertThat(lastSeen).isLessThan(listed.get(29).position());
                await().atMost(PATIENCE).untilAsserted(() -> {
                    Changes.assertSameFrames(together(cut, again), listed);
                    Changes.assertSameFrames(steady.messages, listed);
                });
                assertThat(cut.errors).isEmpty();
                assertThat(again.errors).isEmpty();
                assertThat(steady.errors).isEmpty();
            }
        }
    }

    @Test
    void aLateSubscriberFromPositionZeroGetsTheTopicsWholeHistoryThenLiveFramesWithoutAGap() throws Exception {
        String cycle = readableCycle(services, services.queryUrl(), district, "Late joiner");
        String topic = topic(TIMELINE_TOPIC, cycle);
        PriorityBurst burst = new PriorityBurst(services, cycle, "Tutoring");
        burst.write(10);
        try (RawStomp late = RawStomp.connect(services.stompUrl(), "steering")) {
            Future<Long> writer = writers.submit(() -> burst.write(10));
            late.subscribe(topic, TIMELINE_TOPIC, 0L);
            late.startReading();
            long last = writer.get(60, TimeUnit.SECONDS);

            List<Changes.Change> listed = Changes.all(services.queryUrl(), cycle, "timeline", 0, last, 1000);
            // the cycle's opening (with the opportunities it lists), then the 20 priority commands
            assertThat(listed.get(0).frame().get("type").asText()).isEqualTo("PlanningCycleOpened");
            assertThat(listed.subList(listed.size() - 20, listed.size())).extracting(change -> change.frame().get("type")
                    .asText()).containsOnly("PriorityProposed", "PriorityRevised");
            await().atMost(PATIENCE).untilAsserted(() -> Changes.assertSameFrames(late.messages, listed));
            assertThat(late.errors).isEmpty();
        }
    }

    @Test
    void aSincePositionThatIsNoPositionIsRefusedWithAnErrorFrame() throws Exception {
        String cycle = readableCycle(services, services.queryUrl(), district, "Bad since");
        for (String since : List.of("yesterday", "-1", "")) {
            try (RawStomp stomp = RawStomp.connect(services.stompUrl(), "designer")) {
                stomp.subscribeWithSince(topic(PRIORITIES_TOPIC, cycle), PRIORITIES_TOPIC, since);
                stomp.startReading();
                await().atMost(PATIENCE).untilAsserted(() ->
                        assertThat(stomp.errors).as("since-position '%s'", since).containsExactly("invalid-since-position"));
                await().atMost(PATIENCE).until(stomp::ended);
                assertThat(stomp.messages).isEmpty();
            }
        }
    }

    /**
     * A SUBSCRIBE without an id, and one subscription too many on a connection, are refused with an ERROR frame and
     * the connection closes; the live frames of the other clients keep coming (the feed has no subscription without
     * an id to push to, which once held up every round).
     */
    @Test
    void aSubscriptionWithoutAnIdOrBeyondTheLimitIsRefusedAndOthersKeepTheirFrames() throws Exception {
        String cycle = readableCycle(services, services.queryUrl(), district, "Refused subscriptions");
        try (RawStomp follower = RawStomp.connect(services.stompUrl(), "designer");
                RawStomp withoutId = RawStomp.connect(services.stompUrl(), "designer");
                RawStomp greedy = RawStomp.connect(services.stompUrl(), "designer")) {
            follower.subscribe(topic(PRIORITIES_TOPIC, cycle), PRIORITIES_TOPIC, 0L);
            follower.startReading();
            withoutId.subscribeWithoutId(topic(PRIORITIES_TOPIC, cycle));
            withoutId.startReading();
            for (int i = 0; i <= 100; i++) {
                greedy.subscribe(topic(PRIORITIES_TOPIC, cycle), PRIORITIES_TOPIC, null);
            }
            greedy.startReading();

            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(withoutId.errors).containsExactly("missing-subscription-id"));
            await().atMost(PATIENCE).until(withoutId::ended);
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(greedy.errors).containsExactly("too-many-subscriptions"));
            await().atMost(PATIENCE).until(greedy::ended);

            long position = new PriorityBurst(services, cycle, "After the refusals").write(1);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(follower.messages)
                    .anySatisfy(message -> assertThat(message.position()).isEqualTo(position)));
            assertThat(follower.errors).isEmpty();
        }
    }

    /**
     * A client that stops reading (a raw socket with a small receive buffer that never reads) does not hold up the
     * others: a reading subscriber gets every frame of a burst while the stalled one is still connected, though the
     * server's writes to the stalled one are blocked by then. The stalled one is disconnected once a send to it has been
     * blocked for the send time limit; it then reads what reached it and catches up from there with
     * {@code since-position}.
     */
    @Test
    void aStalledSubscriberHoldsUpNobodyIsDisconnectedAndCatchesUpAfterwards() throws Exception {
        String cycle = readableCycle(services, services.queryUrl(), district, "Stalled");
        String topic = topic(PRIORITIES_TOPIC, cycle);
        long before = services.headPosition();
        // about 4 KiB a frame: the stalled client's and the server's socket buffers hold a handful
        PriorityBurst burst = new PriorityBurst(services, cycle, "x".repeat(3900));
        try (RawStomp stalled = RawStomp.connect(services.stompUrl(), "auditor", 4096);
             RawStomp reading = RawStomp.connect(services.stompUrl(), "analyst")) {
            stalled.subscribe(topic, PRIORITIES_TOPIC, null);
            reading.subscribe(topic, PRIORITIES_TOPIC, null);
            reading.startReading();
            Scenario.awaitSubscribed(services, topic, 2);
            String stalledSession = sessionOf("auditor", topic);

            long first = burst.write(12);
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(reading.positions()).hasSize(12).last().isEqualTo(first));
            assertThat(disconnects).as("the stalled subscriber is still connected").doesNotContainKey(stalledSession);
            assertThat(subscribers(topic)).isEqualTo(2);

            // the server gives up on the stalled one; the burst goes on meanwhile, and the reading one gets all of it
            Future<Long> writer = writers.submit(() -> {
                while (!disconnects.containsKey(stalledSession) && burst.written() < 2_000) {
                    burst.write(1);
                }
                return burst.write(5);
            });
            await().atMost(PATIENCE).until(() -> disconnects.containsKey(stalledSession));
            assertThat(disconnects.get(stalledSession).getCode()).as("closed for exceeding the send limits")
                    .isEqualTo(CloseStatus.SESSION_NOT_RELIABLE.getCode());
            long last = writer.get(60, TimeUnit.SECONDS);
            assertThat(subscribers(topic)).isEqualTo(1);

            stalled.startReading();
            await().atMost(PATIENCE).until(stalled::ended);
            long lastSeen = stalled.lastPosition(before);
            List<Changes.Change> listed = Changes.all(services.queryUrl(), cycle, "priorities", before, last, 500);
            assertThat(stalled.messages.size()).as("frames that reached the stalled client").isLessThan(listed.size());
            try (RawStomp again = RawStomp.connect(services.stompUrl(), "auditor")) {
                again.subscribe(topic, PRIORITIES_TOPIC, lastSeen);
                again.startReading();
                await().atMost(PATIENCE).untilAsserted(() -> {
                    Changes.assertSameFrames(together(stalled, again), listed);
                    Changes.assertSameFrames(reading.messages, listed);
                });
            }
            assertThat(disconnects).doesNotContainKey(sessionOf("analyst", topic));
        }
    }

    /**
     * More stalled clients than the server has threads to write with (twice the cores) hold up nobody either: every
     * write to a client is asynchronous, so a client that stops reading holds no thread while its frames wait.
     */
    @Test
    void moreStalledCatchUpsThanTheServerHasWritingThreadsHoldUpNobody() throws Exception {
        String big = readableCycle(services, services.queryUrl(), district, "Big");
        String other = readableCycle(services, services.queryUrl(), district, "Other");
        long before = services.headPosition();
        long last = new PriorityBurst(services, big, "z".repeat(3900)).write(60);
        await().atMost(PATIENCE).until(() ->
                Changes.all(services.queryUrl(), big, "priorities", before, last, 500).size() == 60);
        List<RawStomp> stalled = new ArrayList<>();
        try (RawStomp reading = RawStomp.connect(services.stompUrl(), "analyst")) {
            reading.subscribe(topic(PRIORITIES_TOPIC, other), PRIORITIES_TOPIC, null);
            reading.startReading();
            Scenario.awaitSubscribed(services, topic(PRIORITIES_TOPIC, other), 1);
            for (int i = 0; i < Runtime.getRuntime().availableProcessors() * 2 + 2; i++) {
                RawStomp client = RawStomp.connect(services.stompUrl(), "auditor", 4096);
                stalled.add(client);
                client.subscribe(topic(PRIORITIES_TOPIC, big), PRIORITIES_TOPIC, before); // and never reads
            }
            Scenario.awaitSubscribed(services, topic(PRIORITIES_TOPIC, big), stalled.size());
            Thread.sleep(1_000); // their catch-ups have filled the socket buffers by now

            long sent = System.nanoTime();
            long position = new PriorityBurst(services, other, "small").write(1);
            await().atMost(PATIENCE).until(() -> reading.positions().contains(position));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertThat(millis).as("ms until the reading client had the frame, %d stalled clients connected",
                    stalled.size()).isLessThan(3_000);
            assertThat(subscribers(topic(PRIORITIES_TOPIC, big))).as("the stalled ones are still connected")
                    .isEqualTo(stalled.size());
        } finally {
            for (RawStomp client : stalled) {
                client.close();
            }
        }
    }

    /**
     * Paging {@code GET /changes} with {@code next} while one topic's projection is behind the other's skips none of
     * its changes: a page ends where every listed topic's projection has got to.
     */
    @Test
    void pagingTheChangesWhileOneTopicsProjectionLagsSkipsNothing() {
        String cycle = readableCycle(services, services.queryUrl(), district, "Lagging timeline");
        long before = services.headPosition();
        TrackingEventProcessor timeline = services.query.getBean(Configuration.class).eventProcessingConfiguration()
                .eventProcessor(ReadModel.TIMELINE.processingGroup(), TrackingEventProcessor.class).orElseThrow();
        timeline.shutDown();
        try {
            new PriorityBurst(services, cycle, "lag").write(3);
            await().atMost(PATIENCE).until(() -> Changes.page(services.queryUrl(), cycle,
                    "after=" + before + "&topics=priorities").get("changes").size() == 3);
            JsonNode first = Changes.page(services.queryUrl(), cycle, "after=" + before + "&topics=priorities,timeline");
            assertThat(first.get("hasMore").asBoolean()).isFalse();
            timeline.start();
            await().atMost(PATIENCE).until(() -> Changes.page(services.queryUrl(), cycle,
                    "after=" + before + "&topics=timeline").get("changes").size() == 3);

            JsonNode second = Changes.page(services.queryUrl(), cycle,
                    "after=" + first.get("next").asLong() + "&topics=priorities,timeline");
            assertThat(first.get("changes").size() + second.get("changes").size())
                    .as("3 priorities and their 3 timeline entries over the two pages").isEqualTo(6);
        } finally {
            timeline.start();
        }
    }

    /**
     * A client that missed more than its session's send buffer may hold at once (256 KiB here) catches up all the
     * same: it reads as fast as it can, the catch-up goes out in parts, and it is not taken for a slow consumer.
     */
    @Test
    void aClientThatMissedMoreThanTheSendBufferHoldsCatchesUpWithoutBeingDropped() throws Exception {
        String cycle = readableCycle(services, services.queryUrl(), district, "Long away");
        String topic = topic(PRIORITIES_TOPIC, cycle);
        long before = services.headPosition();
        PriorityBurst burst = new PriorityBurst(services, cycle, "y".repeat(3900));
        long last = burst.write(320);
        List<Changes.Change> listed = Changes.all(services.queryUrl(), cycle, "priorities", before, last, 1000);
        assertThat(listed.stream().mapToInt(change -> change.frame().toString().length()).sum())
                .as("bytes to catch up").isGreaterThan(1200 * 1024);

        try (RawStomp back = RawStomp.connect(services.stompUrl(), "auditor")) {
            back.subscribe(topic, PRIORITIES_TOPIC, before);
            back.startReading();
            Scenario.awaitSubscribed(services, topic, 1);
            String session = sessionOf("auditor", topic);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(back.messages).hasSameSizeAs(listed));
            Changes.assertSameFrames(back.messages, listed);
            assertThat(disconnects).doesNotContainKey(session);
            assertThat(back.ended()).isFalse();
        }
    }

    /**
     * A client that reads, but more slowly than a burst of large frames comes, is not taken for a stalled one: once
     * half its send buffer waits, it gets the rest of the burst as a catch-up, in parts as it reads, and in the end
     * every frame once, in order, on the connection it opened.
     */
    @Test
    void aClientReadingMoreSlowlyThanABurstComesGetsEveryFrameWithoutBeingDropped() throws Exception {
        String cycle = readableCycle(services, services.queryUrl(), district, "Slow reader");
        String topic = topic(PRIORITIES_TOPIC, cycle);
        long before = services.headPosition();
        try (RawStomp slow = RawStomp.connect(services.stompUrl(), "auditor", 4096)) {
            slow.subscribe(topic, PRIORITIES_TOPIC, null);
            // one 4 KB frame a message, 40 messages a second: a burst outruns it by far
            slow.startReading(Duration.ofMillis(25));
            Scenario.awaitSubscribed(services, topic, 1);
            String session = sessionOf("auditor", topic);

            // four designers at once: 400 frames of about 4 KB within a second or two
            List<Future<Long>> designers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                designers.add(writers.submit(() -> new PriorityBurst(services, cycle, "s".repeat(3900)).write(100)));
            }
            long last = before;
            for (Future<Long> designer : designers) {
                last = Math.max(last, designer.get(60, TimeUnit.SECONDS));
            }
            List<Changes.Change> listed = Changes.all(services.queryUrl(), cycle, "priorities", before, last, 1000);
            assertThat(listed).hasSize(400);
            assertThat(listed.size() - slow.messages.size()).as("frames not read yet when the burst was over")
                    .isGreaterThan(SEND_BUFFER_LIMIT / 4096);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(slow.messages).hasSameSizeAs(listed));
            Changes.assertSameFrames(slow.messages, listed);
            assertThat(disconnects).doesNotContainKey(session);
            assertThat(slow.ended()).isFalse();
        }
    }

    private static SimpUserRegistry registry() {
        return services.query.getBean(SimpUserRegistry.class);
    }

    private static int subscribers(String destination) {
        return registry().findSubscriptions(subscription -> subscription.getDestination().equals(destination)).size();
    }

    private static String sessionOf(String user, String destination) {
        return registry().findSubscriptions(subscription -> subscription.getDestination().equals(destination)
                        && subscription.getSession().getUser().getName().equals(user))
                .iterator().next().getSession().getId();
    }

    @Test
    void changesArePagedWithEveryChangeOnceAndANextToFollow() {
        String cycle = readableCycle(services, services.queryUrl(), district, "Paged");
        long before = services.headPosition();
        long last = new PriorityBurst(services, cycle, "Paging").write(9);

        List<Changes.Change> whole = Changes.all(services.queryUrl(), cycle, "priorities,timeline", before, last, 1000);
        assertThat(whole).hasSize(18);
        for (int limit : List.of(1, 2, 3, 7)) {
            assertThat(Changes.all(services.queryUrl(), cycle, "priorities,timeline", before, last, limit))
                    .as("pages of %d", limit).containsExactlyElementsOf(whole);
        }
        JsonNode firstPage = Changes.page(services.queryUrl(), cycle, "after=" + before + "&limit=4&minPosition=" + last);
        assertThat(firstPage.get("cycleId").asText()).isEqualTo(cycle);
        assertThat(firstPage.get("hasMore").asBoolean()).isTrue();
        assertThat(firstPage.get("changes")).hasSize(4);
        assertThat(firstPage.get("next").asLong()).isEqualTo(firstPage.get("changes").get(3).get("position").asLong());
        JsonNode lastPage = Changes.page(services.queryUrl(), cycle, "after=" + last + "&minPosition=" + last);
        assertThat(lastPage.get("changes")).isEmpty();
        assertThat(lastPage.get("hasMore").asBoolean()).isFalse();
        assertThat(lastPage.get("next").asLong()).isEqualTo(last);
    }

    @Test
    void changesAreFilteredByTopicAndEveryTopicIsListedWithoutTheFilter() {
        String cycle = readableCycle(services, services.queryUrl(), district, "Filtered");
        long before = services.headPosition();
        long last = new PriorityBurst(services, cycle, "Filtering").write(4);

        List<Changes.Change> priorities = Changes.all(services.queryUrl(), cycle, "priorities", before, last, 1000);
        List<Changes.Change> timeline = Changes.all(services.queryUrl(), cycle, "timeline", before, last, 1000);
        List<Changes.Change> both = Changes.all(services.queryUrl(), cycle, "%20timeline%20,priorities", before, last, 1000);
        JsonNode unfiltered = Changes.page(services.queryUrl(), cycle, "after=" + before + "&minPosition=" + last);

        assertThat(priorities).hasSize(4).extracting(Changes.Change::topic).containsOnly("priorities");
        assertThat(priorities).allSatisfy(change -> assertThat(change.frame().get("view").get("cycleId").asText())
                .isEqualTo(cycle));
        assertThat(timeline).hasSize(4).extracting(Changes.Change::topic).containsOnly("timeline");
        assertThat(both).hasSize(8).containsAll(priorities).containsAll(timeline);
        assertThat(Changes.positions(both)).isSorted();
        assertThat(unfiltered.get("changes").findValuesAsText("topic")).containsOnly("priorities", "timeline").hasSize(8);
        assertThat(unfiltered.get("changes").findValues("frame")).allSatisfy(frame ->
                assertThat(frame.get("cycleId").asText()).isEqualTo(cycle));
    }

    @Test
    void badChangesParametersGet400ProblemsAndOthersCannotReadAnyChange() {
        String cycle = readableCycle(services, services.queryUrl(), district, "Guarded");
        for (String[] bad : new String[][]{{"topics=priorities,gossip", "topics"}, {"topics=presence", "topics"},
                {"topics=", "topics"}, {"topics=%20", "topics"}, {"after=-1", "after"}, {"after=soon", "after"}, {"limit=0", "limit"}, {"limit=10001", "limit"},
                {"minPosition=-3", "minPosition"}}) {
            Http.Response answer = Http.call(services.queryUrl(), "auditor", "GET", Changes.PATH + "?" + bad[0], null,
                    List.of(), cycle);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("code").asText()).as(bad[0]).isEqualTo("validation-failed");
            assertThat(answer.json().get("errors").findValuesAsText("field")).as(bad[0]).contains(bad[1]);
        }
        Http.Response outsider = Http.call(services.queryUrl(), "outsider", "GET", Changes.PATH, null, List.of(), cycle);
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.json().get("code").asText()).isEqualTo("forbidden");
        assertThat(Http.call(services.queryUrl(), null, "GET", Changes.PATH, null, List.of(), cycle).status())
                .isEqualTo(401);
        Http.Response unknown = Http.call(services.queryUrl(), "auditor", "GET", Changes.PATH, null, List.of(),
                "00000000-0000-4000-8000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);
    }
}
