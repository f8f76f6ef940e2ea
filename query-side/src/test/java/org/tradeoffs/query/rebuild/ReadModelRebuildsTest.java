package org.tradeoffs.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.converter.MappingJackson2MessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.input.InputEvent;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.tradeoff.TradeoffEvent;
import org.tradeoffs.query.QueryApplication;
import org.tradeoffs.query.TestMongo;
import org.tradeoffs.query.consistency.ProjectionProgress;
import org.tradeoffs.query.projection.MemoryViewStore;
import org.tradeoffs.query.readmodel.DistrictHistory;
import org.tradeoffs.query.readmodel.EventReplay;
import org.tradeoffs.query.readmodel.Generations;
import org.tradeoffs.query.readmodel.ReadModel;

/**
 * Zero-downtime rebuilds on the whole query side over the real event store (in-memory MongoDB), holding a district's
 * year and a few hundred more events: while a writer keeps appending and a reader keeps reading, every read model is
 * rebuilt into a new generation; reads never fail or come back empty, the new generation holds exactly what a replay
 * from scratch builds, and every event appended meanwhile is pushed live exactly once. Only platform administrators
 * rebuild or follow rebuilds.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + QueryApplication.CONFIG_NAME,
        // reads wait for the views as long as a busy build machine may need: what is checked is content, not speed
        "tradeoffs.consistency.max-wait=60s",
        "tradeoffs.rebuild.progress-every=25",
        "tradeoffs.rebuild.drop-old-after=1s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelRebuildsTest {

    @RegisterExtension
    static final TestMongo MONGO = new TestMongo();
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    static final Duration REBUILD_TIMEOUT = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        MONGO.register(properties);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase database;
    @Autowired
    Generations generations;
    @Autowired
    ProjectionProgress projections;
    @Autowired
    SimpUserRegistry subscriptions;
    /** The real replay; one test holds a rebuild in it to catch it running. */
    @MockitoSpyBean
    EventReplay replay;

    private DistrictHistory history;
    private final ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
    private WebSocketStompClient stomp;
    /** The progress of every rebuild, as administrators follow it. */
    private List<JsonNode> progress;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    /** The designer's frames of every topic of the cycle, by topic. */
    private final Map<String, List<JsonNode>> frames = new TreeMap<>();
    private Session designer;

    @BeforeAll
    void aDistrictsYearAndAFewHundredMoreEventsFollowedLiveByTheDesigner() throws Exception {
        history = new DistrictHistory(eventStore);
        history.year().forEach(step -> step.append().getAsLong());
        for (int i = 0; i < 240; i++) {
            history.busyWork();
        }
        awaitViewsAt(head());
        heartbeats.initialize();
        // a savings frame carries the cycle's whole pipeline: far more than the client's default 8 KB (a browser has
        // no such limit)
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(4 * 1024 * 1024);
        stomp = new WebSocketStompClient(new StandardWebSocketClient(container));
        stomp.setMessageConverter(new MappingJackson2MessageConverter());
        stomp.setInboundMessageSizeLimit(4 * 1024 * 1024);
        stomp.setTaskScheduler(heartbeats);
        progress = connect("admin").subscribe(RebuildProgress.TOPIC);
        awaitSubscribed(RebuildProgress.TOPIC);
        designer = connect("designer");
        for (String topic : List.of("priorities", "timeline", "savings", "tradeoffs", "inputs")) {
            String destination = "/topic/cycles/" + history.cycle() + "/" + topic;
            frames.put(topic, designer.subscribe(destination));
            awaitSubscribed(destination);
        }
    }

    /**
     * Once the last rebuild has dropped its old generation (a second after it completed) and the server has seen every
     * STOMP session end (it cleans up after them), the store can go.
     */
    @AfterAll
    void leavesOnlyTheServingGenerationsThenStops() {
        sessions.stream().filter(session -> session.stomp.isConnected()).forEach(session -> session.stomp.disconnect());
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriptions.getUserCount() == 0);
        stomp.stop();
        heartbeats.shutdown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ReadModel model : ReadModel.values()) {
                for (int older = 0; older < generations.current(model); older++) {
                    assertThat(existingCollections(model, older)).as("%s generation %d", model, older).isEmpty();
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(ReadModel.class)
    void rebuildWhileWritersWriteAndReadersReadAnswersEveryReadAndEndsAsAReplayFromScratch(ReadModel model)
            throws Exception {
        int from = generations.current(model);
        CountDownLatch replaying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        holdTheReplayFromTheFirstEvent(replaying, release);
        Writer writer = new Writer();
        Reader reader = new Reader();
        writer.start();
        reader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.appended.size() >= 3 && reader.reads > 0);

        ResponseEntity<String> accepted = post("admin", "{\"readModel\":\"" + model.id() + "\"}");
        JsonNode finished;
        String id;
        try {
            assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
            assertThat(contract("POST", "/api/admin/rebuilds", accepted)).isEmpty();
            id = JSON.readTree(accepted.getBody()).path("id").asText();
            assertThat(accepted.getHeaders().getLocation()).hasToString("/api/admin/rebuilds/" + id);
            // while the rebuild replays, more events than it lets its processor run ahead at the switch: it must
            // catch up with them first, all the while the writer goes on
            assertThat(replaying.await(30, TimeUnit.SECONDS)).isTrue();
            writer.burst(130);
            await().atMost(Duration.ofSeconds(60)).until(writer::burstDone);
            awaitViewsAt(head());
            release.countDown();
            finished = awaitFinished("/api/admin/rebuilds/" + id);
        } finally {
            release.countDown();
            writer.stopAndJoin();
            reader.stopAndJoin();
        }
        long end = head();
        awaitViewsAt(end);

        assertThat(finished.path("state").asText()).as(finished.toString()).isEqualTo("COMPLETED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statesOf(id))
                .containsExactly("REPLAYING", "WRITING", "CATCHING_UP", "SWITCHING", "COMPLETED"));
        assertThat(finished.path("fromGeneration").asInt()).isEqualTo(from);
        assertThat(finished.path("toGeneration").asInt()).isEqualTo(from + 1);
        assertThat(finished.path("applied").asLong()).isPositive();
        assertThat(reader.failures).as("reads during the rebuild").isEmpty();
        assertThat(reader.reads).as("reads during the rebuild").isGreaterThan(1);
        assertThat(writer.appended).as("events appended during the rebuild").hasSizeGreaterThan(130);
        assertThat(generations.current(model)).isEqualTo(from + 1);
        Map<String, List<String>> rebuilt = contents(model, from + 1);
        assertThat(rebuilt.values()).as("the rebuilt read model").anySatisfy(documents -> assertThat(documents).isNotEmpty());
        assertThat(rebuilt).isEqualTo(replayedFromScratch(model, end));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(existingCollections(model, from)).as("the old generation, after its grace period").isEmpty());
        assertEveryEventWasPushedExactlyOnce(writer.appended);
    }

    @ParameterizedTest
    @EnumSource(ReadModel.class)
    void rebuildWithoutWritesLeavesEveryDocumentAsItWas(ReadModel model) throws Exception {
        awaitViewsAt(head());
        int from = generations.current(model);
        Map<String, List<String>> before = contents(model, from);

        JsonNode finished = awaitFinished(post("admin", "{\"readModel\":\"" + model.id() + "\"}").getHeaders()
                .getLocation().toString());

        assertThat(finished.path("state").asText()).as(finished.toString()).isEqualTo("COMPLETED");
        assertThat(contents(model, from + 1)).isEqualTo(before).isEqualTo(replayedFromScratch(model, head()));
    }

    @Test
    void rebuildingAReadModelAgainAndAgainServesANewGenerationEachTime() throws Exception {
        int first = generations.current(ReadModel.DIRECTORY);
        for (int round = 1; round <= 3; round++) {
            String id = JSON.readTree(post("admin", "{\"readModel\":\"directory\"}").getBody()).path("id").asText();
            JsonNode finished = awaitFinished("/api/admin/rebuilds/" + id);

            assertThat(finished.path("state").asText()).as("round %d: %s", round, finished).isEqualTo("COMPLETED");
            assertThat(finished.path("toGeneration").asInt()).isEqualTo(first + round);
            assertThat(generations.current(ReadModel.DIRECTORY)).isEqualTo(first + round);
            assertThat(get("designer", "/api/districts/" + history.district()).getBody()).contains("\"designer\"");
        }
    }

    @Test
    void aSecondRebuildOfAReadModelQueuedOrRunningIsAConflictCarryingTheOneRunning() throws Exception {
        CountDownLatch replaying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        holdTheReplayFromTheFirstEvent(replaying, release); // the rebuild is caught REPLAYING
        String running;
        String queued;
        try {
            running = JSON.readTree(post("admin", "{\"readModel\":\"priorities\"}").getBody()).path("id").asText();
            assertThat(replaying.await(30, TimeUnit.SECONDS)).isTrue();
            ResponseEntity<String> waiting = post("admin", "{\"readModel\":\"timeline\"}");
            assertThat(waiting.getStatusCode().value()).isEqualTo(202);
            assertThat(JSON.readTree(waiting.getBody()).path("state").asText()).isEqualTo("QUEUED");
            assertThat(contract("POST", "/api/admin/rebuilds", waiting)).isEmpty();
            queued = JSON.readTree(waiting.getBody()).path("id").asText();

            ResponseEntity<String> again = post("admin", "{\"readModel\":\"priorities\"}");
            ResponseEntity<String> queuedAgain = post("admin", "{\"readModel\":\"timeline\"}");

            for (ResponseEntity<String> conflict : List.of(again, queuedAgain)) {
                assertThat(conflict.getStatusCode().value()).isEqualTo(409);
                assertThat(conflict.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
                assertThat(JSON.readTree(conflict.getBody()).path("code").asText()).isEqualTo("rebuild-running");
                assertThat(contract("POST", "/api/admin/rebuilds", conflict)).isEmpty();
            }
            assertThat(JSON.readTree(again.getBody()).path("rebuild").path("id").asText()).isEqualTo(running);
            assertThat(JSON.readTree(again.getBody()).path("rebuild").path("state").asText()).isEqualTo("REPLAYING");
            assertThat(JSON.readTree(queuedAgain.getBody()).path("rebuild").path("id").asText()).isEqualTo(queued);
            ResponseEntity<String> listed = get("admin", "/api/admin/rebuilds");
            assertThat(contract("GET", "/api/admin/rebuilds", listed)).isEmpty();
            assertThat(listed.getBody()).contains(running, queued);
            assertThat(get("admin", "/actuator/rebuilds").getBody()).contains(running, queued);
        } finally {
            release.countDown();
        }
        assertThat(awaitFinished("/api/admin/rebuilds/" + running).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(awaitFinished("/api/admin/rebuilds/" + queued).path("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void administratorsFollowARebuildLiveAndThroughTheActuatorAndNobodyElseMay() throws Exception {
        Session admin = connect("admin");
        List<JsonNode> followed = admin.subscribe(RebuildProgress.TOPIC);
        awaitSubscribed(RebuildProgress.TOPIC, 2);
        Session designer = connect("designer");
        List<JsonNode> refused = designer.subscribe(RebuildProgress.TOPIC);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(designer.errors)
                .as("the refused designer's ERROR frames (its connection failed with: %s)", designer.failure)
                .contains("forbidden"));

        String id = JSON.readTree(post("admin", "{\"readModel\":\"savings\"}").getBody()).path("id").asText();

        await().atMost(REBUILD_TIMEOUT).untilAsserted(() -> assertThat(followed).anySatisfy(frame -> {
            assertThat(frame.path("id").asText()).isEqualTo(id);
            assertThat(frame.path("state").asText()).isEqualTo("COMPLETED");
        }));
        for (JsonNode frame : followed) {
            assertThat(Contract.load().validateFrame(RebuildProgress.TOPIC, frame.toString())).as(frame.toString()).isEmpty();
        }
        assertThat(statesOf(id)).containsSubsequence("REPLAYING", "WRITING", "SWITCHING", "COMPLETED")
                .isSubsetOf("REPLAYING", "WRITING", "CATCHING_UP", "SWITCHING", "COMPLETED");
        assertThat(refused).isEmpty();
        ResponseEntity<String> actuator = get("admin", "/actuator/rebuilds/" + id);
        assertThat(actuator.getStatusCode().value()).isEqualTo(200);
        assertThat(Contract.load().validate("rebuild-status", actuator.getBody())).isEmpty();
        assertThat(JSON.readTree(actuator.getBody()).path("state").asText()).isEqualTo("COMPLETED");
        ResponseEntity<String> one = get("admin", "/api/admin/rebuilds/" + id);
        assertThat(contract("GET", "/api/admin/rebuilds/{rebuildId}", one)).isEmpty();
        assertThat(JSON.readTree(one.getBody())).isEqualTo(JSON.readTree(actuator.getBody()));
    }

    @Test
    void onlyPlatformAdministratorsRebuildOrSeeRebuilds() {
        String unknown = UUID.randomUUID().toString();
        for (ResponseEntity<String> refused : List.of(post("designer", "{\"readModel\":\"priorities\"}"),
                post("steering", "{\"readModel\":\"priorities\"}"), get("designer", "/api/admin/rebuilds"),
                get("auditor", "/api/admin/rebuilds/" + unknown), get("designer", "/actuator/rebuilds"))) {
            assertThat(refused.getStatusCode().value()).isEqualTo(403);
            assertThat(refused.getBody()).contains("\"code\":\"forbidden\"");
        }
        assertThat(contract("POST", "/api/admin/rebuilds", post("designer", "{\"readModel\":\"priorities\"}"))).isEmpty();
        assertThat(contract("GET", "/api/admin/rebuilds", get("designer", "/api/admin/rebuilds"))).isEmpty();
        ResponseEntity<String> anonymous = http.postForEntity("/api/admin/rebuilds",
                new HttpEntity<>("{\"readModel\":\"priorities\"}", jsonHeaders()), String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aRebuildWhoseAnswerTheClientDoesNotAcceptIsNotStarted() throws Exception {
        int before = JSON.readTree(get("admin", "/api/admin/rebuilds").getBody()).size();
        HttpHeaders headers = jsonHeaders();
        headers.setAccept(List.of(MediaType.TEXT_HTML));

        ResponseEntity<String> refused = http.withBasicAuth("admin", "demo").exchange("/api/admin/rebuilds",
                HttpMethod.POST, new HttpEntity<>("{\"readModel\":\"priorities\"}", headers), String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(406);
        assertThat(JSON.readTree(get("admin", "/api/admin/rebuilds").getBody())).hasSize(before);
    }

    @Test
    void unknownReadModelIsAValidationProblemAndUnknownRebuildIsNotFound() {
        for (String body : List.of("{\"readModel\":\"budget\"}", "{}", "{\"readModel\":null}", "{\"readModel\":\"\"}")) {
            ResponseEntity<String> answer = post("admin", body);

            assertThat(answer.getStatusCode().value()).as(body).isEqualTo(400);
            assertThat(answer.getBody()).as(body).contains("\"code\":\"validation-failed\"")
                    .contains("\"field\":\"readModel\"");
            assertThat(contract("POST", "/api/admin/rebuilds", answer)).as(body).isEmpty();
        }
        for (String body : List.of("{\"readModel\":", "{\"readModel\":\"priorities\"} xyz",
                "{\"readModel\":\"priorities\"}{\"readModel\":\"timeline\"}")) {
            ResponseEntity<String> malformed = post("admin", body);
            assertThat(malformed.getStatusCode().value()).as(body).isEqualTo(400);
            assertThat(contract("POST", "/api/admin/rebuilds", malformed)).as(body).isEmpty();
        }
        ResponseEntity<String> unknown = get("admin", "/api/admin/rebuilds/" + UUID.randomUUID());
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("\"code\":\"not-found\"");
        assertThat(contract("GET", "/api/admin/rebuilds/{rebuildId}", unknown)).isEmpty();
        assertThat(get("admin", "/actuator/rebuilds/" + UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
    }

    /** A rebuild's replay from the first event signals it started, then waits until released. */
    private void holdTheReplayFromTheFirstEvent(CountDownLatch replaying, CountDownLatch release) {
        doAnswer(invocation -> {
            replaying.countDown();
            assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            return invocation.callRealMethod();
        }).when(replay).replay(anyList(), isNull(), any(GapAwareTrackingToken.class), any(LongConsumer.class));
    }

    /** The states a rebuild went through, as its progress frames told administrators, in order. */
    private List<String> statesOf(String id) {
        List<String> states = new ArrayList<>();
        for (JsonNode frame : progress) {
            String state = frame.path("state").asText();
            if (frame.path("id").asText().equals(id) && !states.contains(state)) {
                states.add(state);
            }
        }
        return states;
    }

    /** Every appended event reached each topic it belongs on, and no frame of any topic came twice. */
    private void assertEveryEventWasPushedExactlyOnce(List<DistrictHistory.Appended> appended) {
        Map<String, Predicate<Object>> topics = Map.of(
                "priorities", event -> event instanceof PriorityEvent,
                "timeline", event -> event instanceof CycleScoped,
                "savings", event -> event instanceof OpportunityEvent,
                "tradeoffs", event -> event instanceof TradeoffEvent,
                "inputs", event -> event instanceof InputEvent);
        topics.forEach((topic, belongs) -> {
            List<Long> expected = appended.stream().filter(event -> belongs.test(event.event()))
                    .map(DistrictHistory.Appended::position).toList();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(positions(topic))
                    .as("frames on %s (the designer's connection failed: %s)", topic, designer.failure)
                    .containsAll(expected));
            List<Long> pushed = positions(topic);
            assertThat(new HashSet<>(pushed)).as("no frame twice on %s", topic).hasSameSizeAs(pushed);
        });
    }

    private List<Long> positions(String topic) {
        return frames.get(topic).stream().map(frame -> frame.path("position").asLong()).toList();
    }

    /** The model's collections in a generation, canonical: each document as extended JSON, sorted by {@code _id}. */
    private Map<String, List<String>> contents(ReadModel model, int generation) {
        Map<String, List<String>> contents = new TreeMap<>();
        for (String name : collectionNames(model)) {
            contents.put(name, canonical(database.getCollection(Generations.physicalName(name, generation)).find()
                    .into(new ArrayList<>())));
        }
        return contents;
    }

    /** What replaying every event up to the position into memory, with the model's own projection, builds. */
    private Map<String, List<String>> replayedFromScratch(ReadModel model, long position) {
        MemoryViewStore memory = new MemoryViewStore();
        replay.replay(List.of(model.projection(model.repository(memory), ReadModel.SILENT)), position, applied -> {
        });
        Map<String, List<String>> contents = new TreeMap<>();
        memory.contents().forEach((name, documents) -> contents.put(name, canonical(documents)));
        return contents;
    }

    private static Set<String> collectionNames(ReadModel model) {
        MemoryViewStore names = new MemoryViewStore();
        model.repository(names);
        return names.contents().keySet();
    }

    private List<String> existingCollections(ReadModel model, int generation) {
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        return collectionNames(model).stream().map(name -> Generations.physicalName(name, generation))
                .filter(existing::contains).toList();
    }

    private static List<String> canonical(List<Document> documents) {
        return documents.stream().sorted(Comparator.comparing(document -> String.valueOf(document.get("_id"))))
                .map(document -> document.toJson(EXACT)).toList();
    }

    /** Polls the rebuild until it is COMPLETED or FAILED, checking every status read against the contract. */
    private JsonNode awaitFinished(String location) throws Exception {
        JsonNode[] status = new JsonNode[1];
        await().atMost(REBUILD_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            ResponseEntity<String> read = get("admin", location);
            assertThat(contract("GET", "/api/admin/rebuilds/{rebuildId}", read)).isEmpty();
            status[0] = JSON.readTree(read.getBody());
            return List.of("COMPLETED", "FAILED").contains(status[0].path("state").asText());
        });
        return status[0];
    }

    /** Waits until every processor has processed the position. */
    private void awaitViewsAt(long position) {
        await().atMost(Duration.ofSeconds(120)).until(() -> projections.hasProcessed(position));
    }

    private long head() {
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private ResponseEntity<String> post(String username, String body) {
        return http.withBasicAuth(username, "demo").exchange("/api/admin/rebuilds", HttpMethod.POST,
                new HttpEntity<>(body, jsonHeaders()), String.class);
    }

    private ResponseEntity<String> get(String username, String path) {
        return http.withBasicAuth(username, "demo").getForEntity(path, String.class);
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private static List<String> contract(String method, String path, ResponseEntity<String> answer) {
        return Contract.load().validateResponse(method, path, answer.getStatusCode().value(),
                String.valueOf(answer.getHeaders().getContentType()), answer.getBody());
    }

    private void awaitSubscribed(String destination) {
        awaitSubscribed(destination, 1);
    }

    private void awaitSubscribed(String destination, int subscribers) {
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.findSubscriptions(
                subscription -> subscription.getDestination().equals(destination)).size() >= subscribers);
    }

    private Session connect(String username) throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        headers.add("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8)));
        Session session = new Session();
        session.stomp = stomp.connectAsync("ws://localhost:" + port + "/ws", headers, session).get(10, TimeUnit.SECONDS);
        sessions.add(session);
        return session;
    }

    /** One STOMP session: the frames of each subscription, the ERROR frames' messages, how the connection failed. */
    private static final class Session extends StompSessionHandlerAdapter {
        final List<String> errors = new CopyOnWriteArrayList<>();
        volatile Throwable failure;
        StompSession stomp;

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            failure = exception;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            errors.add(String.valueOf(headers.getFirst("message")));
        }

        List<JsonNode> subscribe(String destination) {
            List<JsonNode> received = new CopyOnWriteArrayList<>();
            stomp.subscribe(destination, new StompFrameHandler() {
                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return JsonNode.class;
                }

                @Override
                public void handleFrame(StompHeaders headers, Object payload) {
                    received.add((JsonNode) payload);
                }
            });
            return received;
        }
    }

    /**
     * Appends ordinary work, one event per commit, until stopped, as a user would: each write is read back
     * ({@code minPosition}) before the next, so the writer goes at the pace of the views; but for a burst, which goes
     * as fast as the store takes it (at most 600 events in all).
     */
    private final class Writer extends Thread {
        final List<DistrictHistory.Appended> appended = new CopyOnWriteArrayList<>();
        private final AtomicInteger burst = new AtomicInteger();
        private volatile boolean stopped;

        Writer() {
            super("test-writer");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stopped && appended.size() < 600) {
                DistrictHistory.Appended write = history.busyWork();
                appended.add(write);
                if (burst.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
                    get("designer", "/api/cycles/" + history.cycle() + "?minPosition=" + write.position());
                }
            }
        }

        void burst(int events) {
            burst.set(events);
        }

        boolean burstDone() {
            return burst.get() == 0;
        }

        void stopAndJoin() throws InterruptedException {
            stopped = true;
            join(30_000);
        }
    }

    /** Reads what members read most, until stopped; a read that is not 200 with content is a failure. */
    private final class Reader extends Thread {
        final List<String> failures = new CopyOnWriteArrayList<>();
        volatile int reads;
        private volatile boolean stopped;

        Reader() {
            super("test-reader");
            setDaemon(true);
        }

        @Override
        public void run() {
            String cycle = "/api/cycles/" + history.cycle();
            List<String> paths = List.of(cycle + "/priorities", cycle + "/timeline", cycle + "/opportunities",
                    cycle + "/savings-pipeline", cycle + "/stakeholder-inputs", cycle + "/tradeoffs", cycle + "/balance",
                    cycle, "/api/districts/" + history.district(), "/api/districts");
            while (!stopped) {
                for (String path : paths) {
                    ResponseEntity<String> read = get("designer", path);
                    reads++;
                    String body = read.getBody() == null ? "" : read.getBody();
                    if (read.getStatusCode().value() != 200 || body.equals("[]") || body.contains("\"entries\":[]")
                            || body.contains("\"members\":[]") || body.contains("\"listed\":0")) {
                        failures.add(path + ": " + read.getStatusCode().value() + " " + body);
                    }
                }
            }
        }

        void stopAndJoin() throws InterruptedException {
            stopped = true;
            join(30_000);
        }
    }
}
