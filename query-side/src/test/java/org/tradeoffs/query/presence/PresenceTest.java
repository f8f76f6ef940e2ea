package org.tradeoffs.query.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.SavingsCatalog;
import org.tradeoffs.query.QueryApplication;
import org.tradeoffs.query.directory.Directory;

/**
 * Two query-side instances against one in-memory MongoDB, clients on both speaking raw STOMP: whoever joins, views,
 * edits or leaves a cycle on one instance is seen by a member connected to the other; a killed or silent connection
 * disappears within seconds, and so do the entries of an instance that died; outsiders can neither follow nor send
 * presence; a SEND that is not a presence update, or names an item the cycle does not have, changes nothing and is
 * answered to its sender only. Every frame is checked against the AsyncAPI contract.
 */
class PresenceTest {

    private static final String FRAMES = "/topic/cycles/{cycleId}/presence";
    private static final String ERRORS = "/user/queue/errors";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MongoServer mongo;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    private final String district = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();
    private final String priority = UUID.randomUUID().toString();
    private final String opportunity = UUID.randomUUID().toString();
    private final List<RawStomp> clients = new ArrayList<>();

    private static String[] properties;

    @BeforeAll
    static void startTwoInstances() {
        mongo = new MongoServer(new MemoryBackend());
        properties = new String[] {
                "--server.port=0",
                "--tradeoffs.mongodb.uri=" + mongo.bindAndGetConnectionString() + "/tradeoffs",
                "--spring.jmx.enabled=false",
                "--logging.level.root=WARN",
                // a silent client is dropped after 3 s, a dead instance's entries after 3 s
                "--tradeoffs.websocket.heartbeat=1s",
                "--tradeoffs.presence.timeout=3s",
                "--tradeoffs.presence.poll-interval=50ms",
        };
        // distinct claim owners, as two processes would be: each processor runs on one instance only
        first = QueryApplication.application().run(with(properties, "--tradeoffs.mongodb.token-store.node-id=first"));
        second = QueryApplication.application().run(with(properties, "--tradeoffs.mongodb.token-store.node-id=second"));
    }

    private static String[] with(String[] properties, String property) {
        String[] all = Arrays.copyOf(properties, properties.length + 1);
        all[properties.length] = property;
        return all;
    }

    @AfterAll
    static void stopTwoInstances() {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {second, first}) {
            if (instance != null) {
                instance.close();
            }
        }
        mongo.shutdownNow();
    }

    @BeforeEach
    void openACycle() {
        EventStore events = first.getBean(EventStore.class);
        events.publish(new GenericDomainEventMessage<>("District", district, 0,
                new DistrictRegistered(district, "Hayward USD", 22272, "admin")));
        int sequence = 1;
        for (String member : List.of("designer", "auditor", "steering")) {
            events.publish(new GenericDomainEventMessage<>("District", district, sequence++,
                    new MemberRoleGranted(district, member, Role.DESIGN_TEAM, "admin")));
        }
        events.publish(new GenericDomainEventMessage<>("Cycle", cycle, 0,
                new PlanningCycleOpened(cycle, district, "SY 2027-28", "steering")));
        events.publish(proposed(priority, cycle));
        SavingsCatalog.Entry entry = SavingsCatalog.ENTRIES.get(0);
        events.publish(new GenericDomainEventMessage<>("Opportunity", opportunity, 0, new OpportunityListed(
                opportunity, cycle, district, entry.number(), entry.focusArea(), entry.question(), true, "steering")));
        await().atMost(WAIT).until(() -> first.getBean(Directory.class).districtOfCycle(cycle).isPresent()
                && second.getBean(Directory.class).districtOfCycle(cycle).isPresent());
    }

    @AfterEach
    void killClients() {
        clients.forEach(RawStomp::kill);
    }

    @Test
    void aMemberOnTheOtherInstanceSeesAnotherJoinViewEditAndLeave() throws Exception {
        RawStomp auditor = followPresence(second, "auditor");
        JsonNode own = awaitFrame(auditor, 0);
        assertThat(own.path("change").asText()).isEqualTo("joined");
        assertThat(own.path("user").asText()).isEqualTo("auditor");
        assertThat(users(own)).containsExactly("auditor");

        RawStomp designer = connect(first, "designer");
        designer.subscribe("timeline", "/topic/cycles/" + cycle + "/timeline");
        JsonNode joined = awaitFrame(auditor, 1);
        assertThat(joined.path("change").asText()).isEqualTo("joined");
        assertThat(joined.path("user").asText()).isEqualTo("designer");
        assertThat(users(joined)).containsExactly("auditor", "designer");
        String connection = joined.path("connection").asText();

        designer.send(sendTo(cycle), "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + priority + "\"},\"editing\":null}");
        JsonNode viewing = awaitFrame(auditor, 2);
        assertThat(viewing.path("change").asText()).isEqualTo("viewing");
        assertThat(viewing.path("connection").asText()).isEqualTo(connection);
        assertThat(viewing.at("/present/1/viewing/id").asText()).isEqualTo(priority);
        assertThat(viewing.at("/present/1/editing").isNull()).isTrue();

        designer.send(sendTo(cycle), "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + priority + "\"},"
                + "\"editing\":{\"kind\":\"priority\",\"id\":\"" + priority + "\"}}");
        JsonNode editing = awaitFrame(auditor, 3);
        assertThat(editing.path("change").asText()).isEqualTo("editing");
        assertThat(editing.at("/present/1/editing/kind").asText()).isEqualTo("priority");

        designer.unsubscribe("timeline");
        JsonNode left = awaitFrame(auditor, 4);
        assertThat(left.path("change").asText()).isEqualTo("left");
        assertThat(left.path("connection").asText()).isEqualTo(connection);
        assertThat(users(left)).containsExactly("auditor");
        assertThat(auditor.messages("presence")).hasSize(5);
    }

    @Test
    void aMemberAlreadyInTheCycleWhoStartsFollowingPresenceGetsEveryoneInItsOwnJoinedFrame() throws Exception {
        RawStomp auditor = followPresence(first, "auditor");
        awaitFrame(auditor, 0);
        RawStomp designer = connect(first, "designer");
        designer.subscribe("priorities", "/topic/cycles/" + cycle + "/priorities");
        designer.send(sendTo(cycle), "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + priority + "\"},\"editing\":null}");
        RawStomp steering = connect(second, "steering");
        steering.subscribe("timeline", "/topic/cycles/" + cycle + "/timeline");
        await().atMost(WAIT).until(() -> auditor.messages("presence").stream().map(PresenceTest::json)
                .anyMatch(frame -> frame.path("user").asText().equals("steering")));

        steering.subscribe("presence", "/topic/cycles/" + cycle + "/presence");
        JsonNode own = awaitFrame(steering, "presence", 0);
        assertThat(own.path("change").asText()).isEqualTo("joined");
        assertThat(own.path("user").asText()).isEqualTo("steering");
        assertThat(users(own)).containsExactly("auditor", "designer", "steering");
        assertThat(own.at("/present/1/viewing/id").asText()).isEqualTo(priority);

        // the others heard steering join once, when it subscribed to the timeline
        designer.send(sendTo(cycle), "{\"viewing\":null,\"editing\":null}");
        for (RawStomp follower : List.of(auditor, steering)) {
            await().atMost(WAIT).until(() -> json(last(follower.messages("presence"))).path("change").asText()
                    .equals("viewing"));
            assertThat(json(last(follower.messages("presence"))).at("/present/1/viewing").isNull()).isTrue();
        }
        assertThat(auditor.messages("presence").stream().map(PresenceTest::json)
                .filter(frame -> frame.path("user").asText().equals("steering"))).hasSize(1);
        assertThat(steering.messages("presence")).hasSize(2);
        assertFramesKeepTheContract(auditor.messages("presence"));
        assertFramesKeepTheContract(steering.messages("presence"));
    }

    @Test
    void aKilledClientDisappearsForTheMemberOnTheOtherInstance() throws Exception {
        RawStomp auditor = followPresence(second, "auditor");
        RawStomp designer = connect(first, "designer");
        designer.subscribe("savings", "/topic/cycles/" + cycle + "/savings");
        assertThat(awaitFrame(auditor, 1).path("user").asText()).isEqualTo("designer");

        designer.kill();

        JsonNode left = awaitFrame(auditor, 2);
        assertThat(left.path("change").asText()).isEqualTo("left");
        assertThat(left.path("user").asText()).isEqualTo("designer");
        assertThat(users(left)).containsExactly("auditor");
    }

    /** A DISCONNECT ends the session's presence at once, even if the client then keeps its socket open. */
    @Test
    void aClientThatSendsDisconnectLeavesAtOnceAndCanNoLongerChangeItsPresence() throws Exception {
        RawStomp auditor = followPresence(second, "auditor");
        RawStomp designer = connect(first, "designer");
        designer.subscribe("timeline", "/topic/cycles/" + cycle + "/timeline");
        assertThat(awaitFrame(auditor, 1).path("user").asText()).isEqualTo("designer");

        designer.write("DISCONNECT\nreceipt:77\n\n");
        await().atMost(WAIT).until(() -> !designer.withCommand("RECEIPT").isEmpty());
        designer.send(sendTo(cycle), "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + priority + "\"},\"editing\":null}");

        JsonNode left = awaitFrame(auditor, 2);
        assertThat(left.path("change").asText()).isEqualTo("left");
        assertThat(left.path("user").asText()).isEqualTo("designer");
        assertThat(users(left)).containsExactly("auditor");
        Thread.sleep(1_000); // a presence SEND applied after the DISCONNECT would join again
        assertThat(auditor.messages("presence")).hasSize(3);
        assertThat(first.getBean(PresenceStore.class).all()).filteredOn(entry -> entry.cycleId().equals(cycle))
                .extracting(Presence::user).containsExactly("auditor");
    }

    /** A rolling restart: the clients of an instance that stops leave as it stops, not after the timeout. */
    @Test
    void theClientsOfAnInstanceThatStopsLeaveAsItStops() throws Exception {
        RawStomp auditor = followPresence(first, "auditor");
        ConfigurableApplicationContext third = QueryApplication.application()
                .run(with(properties, "--tradeoffs.mongodb.token-store.node-id=third"));
        try {
            RawStomp designer = connect(third, "designer");
            designer.subscribe("timeline", "/topic/cycles/" + cycle + "/timeline");
            assertThat(awaitFrame(auditor, 1).path("user").asText()).isEqualTo("designer");
        } finally {
            third.close();
        }

        // the timeout (3 s here) has not passed: only a removal on the way out explains this
        assertThat(first.getBean(PresenceStore.class).all()).filteredOn(entry -> entry.cycleId().equals(cycle))
                .extracting(Presence::user).containsExactly("auditor");
        assertThat(awaitFrame(auditor, 2).path("change").asText()).isEqualTo("left");
    }

    @Test
    void aClientThatStopsSendingHeartBeatsIsDisconnectedAndLeaves() throws Exception {
        RawStomp auditor = followPresence(second, "auditor");
        // promises a heart-beat every second, then never sends another byte
        RawStomp silent = RawStomp.connect(url(first), "designer", "1000,0");
        clients.add(silent);
        silent.subscribe("inputs", "/topic/cycles/" + cycle + "/inputs");
        assertThat(awaitFrame(auditor, 1).path("user").asText()).isEqualTo("designer");

        JsonNode left = awaitFrame(auditor, 2);
        assertThat(left.path("change").asText()).isEqualTo("left");
        assertThat(left.path("user").asText()).isEqualTo("designer");
        await().atMost(WAIT).until(silent::closed);
    }

    @Test
    void theEntriesOfAnInstanceThatDiedAreGoneAfterTheTimeout() throws Exception {
        RawStomp auditor = followPresence(second, "auditor");
        awaitFrame(auditor, 0);
        // an entry as an instance writes it, from an instance that then stopped refreshing it
        first.getBean(PresenceStore.class).save(new Presence("dead-instance/0/" + cycle, cycle, "designer",
                "0123456789ab", "dead-instance", null, null, Instant.now(), Instant.now()));

        JsonNode joined = awaitFrame(auditor, 1);
        assertThat(joined.path("connection").asText()).isEqualTo("0123456789ab");
        JsonNode left = awaitFrame(auditor, 2);
        assertThat(left.path("change").asText()).isEqualTo("left");
        assertThat(left.path("connection").asText()).isEqualTo("0123456789ab");
        await().atMost(WAIT).until(() -> first.getBean(PresenceStore.class).all().stream()
                .noneMatch(entry -> entry.instance().equals("dead-instance")));
    }

    @Test
    void outsidersCanNeitherFollowNorSendPresenceAndNoOneCanSendToTheTopic() throws Exception {
        RawStomp auditor = followPresence(second, "auditor");
        awaitFrame(auditor, 0);

        RawStomp follower = connect(first, "outsider");
        follower.subscribe("presence", "/topic/cycles/" + cycle + "/presence");
        RawStomp sender = connect(first, "outsider");
        sender.send(sendTo(cycle), "{\"viewing\":null,\"editing\":null}");
        RawStomp spoofer = connect(first, "designer");
        spoofer.send("/topic/cycles/" + cycle + "/presence", "{\"cycleId\":\"" + cycle + "\",\"change\":\"left\"}");

        for (RawStomp refused : List.of(follower, sender, spoofer)) {
            await().atMost(WAIT).until(() -> !refused.withCommand("ERROR").isEmpty());
            assertThat(refused.withCommand("ERROR").get(0).headers().get("message")).isEqualTo("forbidden");
            await().atMost(WAIT).until(refused::closed);
        }
        assertThat(follower.messages("presence")).isEmpty();
        RawStomp designer = connect(first, "designer");
        designer.subscribe("timeline", "/topic/cycles/" + cycle + "/timeline");
        JsonNode joined = awaitFrame(auditor, 1);
        assertThat(joined.path("user").asText()).isEqualTo("designer");
        assertThat(users(joined)).containsExactly("auditor", "designer");
        assertThat(auditor.messages("presence")).hasSize(2);
    }

    @Test
    void aSendThatIsNotAPresenceUpdateChangesNothingAndIsAnsweredToItsSenderOnly() throws Exception {
        RawStomp auditor = followPresence(second, "auditor");
        RawStomp designer = connect(first, "designer");
        designer.subscribe("errors", ERRORS);
        designer.subscribe("timeline", "/topic/cycles/" + cycle + "/timeline");
        RawStomp designersOtherTab = connect(first, "designer");
        designersOtherTab.subscribe("errors", ERRORS);
        awaitFrame(auditor, 1);

        List<String> invalid = List.of(
                "not json",
                "",
                "[]",
                "{\"viewing\":null}",
                "{\"viewing\":null,\"editing\":null,\"typing\":true}",
                "{\"viewing\":{\"kind\":\"budget\",\"id\":\"" + priority + "\"},\"editing\":null}",
                "{\"viewing\":{\"kind\":\"priority\"},\"editing\":null}",
                "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + "a".repeat(101) + "\"},\"editing\":null}",
                "{\"viewing\":null,\"editing\":\"priority\"}");
        sendAndAwaitErrors(designer, invalid, "invalid-presence");
        assertThat(designer.messages("errors")).anySatisfy(error -> assertThat(json(error).path("detail").asText())
                .isEqualTo("viewing.kind must be one of priority, opportunity, tradeoff"));
        assertThat(designer.closed()).isFalse();

        designer.send(sendTo(cycle), "{\"viewing\":{\"kind\":\"opportunity\",\"id\":\"" + opportunity + "\"},"
                + "\"editing\":null}");
        await().atMost(WAIT).until(() -> auditor.messages("presence").stream()
                .anyMatch(frame -> json(frame).path("change").asText().equals("viewing")));
        List<String> frames = auditor.messages("presence");
        assertFramesKeepTheContract(frames);
        // The invalid sends changed nothing: besides the joins, the one valid send is all the auditor heard of.
        List<JsonNode> changes = frames.stream().map(PresenceTest::json)
                .filter(frame -> !frame.path("change").asText().equals("joined")).toList();
        assertThat(changes).as(String.join("\n", frames)).hasSize(1);
        JsonNode viewing = changes.get(0);
        assertThat(viewing.path("change").asText()).isEqualTo("viewing");
        assertThat(viewing.at("/present/1/viewing/kind").asText()).isEqualTo("opportunity");
        assertThat(designersOtherTab.messages("errors")).isEmpty();
        assertThat(Contract.load().validateFrame("/app/cycles/{cycleId}/presence",
                "{\"viewing\":{\"kind\":\"opportunity\",\"id\":\"" + opportunity + "\"},\"editing\":null}")).isEmpty();
    }

    /**
     * An update naming an item the cycle does not have (no such id, another cycle's priority, an opportunity's id as a
     * priority) changes nothing and is answered to its sender; an item created a moment before is found, projected or
     * not, because items are looked up in the event store.
     */
    @Test
    void aSendNamingAnItemTheCycleDoesNotHaveChangesNothingAndIsAnsweredToItsSender() throws Exception {
        String otherCycle = UUID.randomUUID().toString();
        String othersPriority = UUID.randomUUID().toString();
        EventStore events = first.getBean(EventStore.class);
        events.publish(new GenericDomainEventMessage<>("Cycle", otherCycle, 0,
                new PlanningCycleOpened(otherCycle, district, "SY 2028-29", "steering")));
        events.publish(proposed(othersPriority, otherCycle));
        RawStomp auditor = followPresence(second, "auditor");
        RawStomp designer = connect(first, "designer");
        designer.subscribe("errors", ERRORS);
        designer.subscribe("timeline", "/topic/cycles/" + cycle + "/timeline");
        awaitFrame(auditor, 1);

        String unknown = UUID.randomUUID().toString();
        List<String> refused = List.of(
                "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + unknown + "\"},\"editing\":null}",
                "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + othersPriority + "\"},\"editing\":null}",
                "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + opportunity + "\"},\"editing\":null}",
                "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + priority + "\"},"
                        + "\"editing\":{\"kind\":\"tradeoff\",\"id\":\"" + priority + "\"}}");
        sendAndAwaitErrors(designer, refused, "unknown-item");
        assertThat(designer.messages("errors")).allSatisfy(error ->
                assertThat(json(error).path("title").asText()).isEqualTo("Unknown item"));
        assertThat(designer.messages("errors")).map(error -> json(error).path("detail").asText())
                .containsExactlyInAnyOrder(
                "viewing: this cycle has no priority " + unknown,
                "viewing: this cycle has no priority " + othersPriority,
                "viewing: this cycle has no priority " + opportunity,
                "editing: this cycle has no tradeoff " + priority);

        String justProposed = UUID.randomUUID().toString();
        events.publish(proposed(justProposed, cycle));
        designer.send(sendTo(cycle), "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + justProposed + "\"},"
                + "\"editing\":null}");
        await().atMost(WAIT).until(() -> auditor.messages("presence").stream()
                .anyMatch(frame -> json(frame).path("change").asText().equals("viewing")));
        List<JsonNode> changes = auditor.messages("presence").stream().map(PresenceTest::json)
                .filter(frame -> !frame.path("change").asText().equals("joined")).toList();
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).at("/present/1/viewing/id").asText()).isEqualTo(justProposed);
        assertThat(designer.messages("errors")).hasSize(refused.size());
    }

    /**
     * However a new subscription and a poll round interleave (newcomers spread over several rounds, some landing
     * while one runs), each newcomer's first frame is a joined frame (its welcome) and nobody hears of one joining
     * twice.
     */
    @Test
    void noSubscriberHearsOfOneJoiningTwice() throws Exception {
        List<String> members = List.of("designer", "auditor", "steering");
        List<RawStomp> newcomers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            newcomers.add(followPresence(i % 2 == 0 ? first : second, members.get(i % 3)));
            Thread.sleep(37);
        }
        await().atMost(WAIT).until(() -> newcomers.stream().noneMatch(client -> client.messages("presence").isEmpty()));
        await().during(Duration.ofMillis(800)).atMost(WAIT).untilAsserted(() -> {
            for (RawStomp newcomer : newcomers) {
                List<String> frames = newcomer.messages("presence");
                List<String> joinings = frames.stream().map(PresenceTest::json)
                        .filter(frame -> frame.path("change").asText().equals("joined"))
                        .map(frame -> frame.path("connection").asText())
                        .toList();
                assertThat(joinings).as(String.join("\n", frames)).doesNotHaveDuplicates().isNotEmpty();
                assertThat(json(frames.get(0)).path("change").asText()).as(frames.get(0)).isEqualTo("joined");
            }
        });
    }

    /** A client that sends far faster than anyone moves between items is answered too-many-updates for the excess. */
    @Test
    void updatesBeyondTheConnectionsAllowanceAreRefusedToItsSender() throws Exception {
        RawStomp designer = connect(first, "designer");
        designer.subscribe("errors", ERRORS);
        String body = "{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + priority + "\"},\"editing\":null}";

        for (int i = 0; i < 60; i++) {
            designer.send(sendTo(cycle), body);
        }

        await().atMost(WAIT).until(() -> !designer.messages("errors").isEmpty());
        assertThat(designer.messages("errors")).hasSizeLessThanOrEqualTo(60 - PresenceRate.BURST);
        for (String error : designer.messages("errors")) {
            assertThat(Contract.load().validateFrame(ERRORS, error)).as(error).isEmpty();
            assertThat(json(error).path("code").asText()).isEqualTo("too-many-updates");
        }
    }

    /** SENDs each body to the cycle's presence; each gets one error of the code, in the contract's shape. */
    private void sendAndAwaitErrors(RawStomp sender, List<String> bodies, String code) {
        for (String body : bodies) {
            sender.send(sendTo(cycle), body);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(sender.messages("errors")).hasSize(bodies.size()));
        for (String error : sender.messages("errors")) {
            assertThat(Contract.load().validateFrame(ERRORS, error)).as(error).isEmpty();
            assertThat(json(error).path("code").asText()).isEqualTo(code);
        }
    }

    private GenericDomainEventMessage<PriorityProposed> proposed(String priorityId, String cycleId) {
        return new GenericDomainEventMessage<>("Priority", priorityId, 0, new PriorityProposed(priorityId, cycleId,
                district, new PriorityDetails("K-5 early literacy coaches", "", "Coaching raises reading",
                        Fundability.ACTION, CostSplit.allUnallocated(new BigDecimal("250000.00")), null), "designer"));
    }

    private RawStomp connect(ConfigurableApplicationContext instance, String username) throws Exception {
        RawStomp client = RawStomp.connect(url(instance), username, "0,0");
        clients.add(client);
        return client;
    }

    /** A client subscribed to the cycle's presence as subscription {@code presence}. */
    private RawStomp followPresence(ConfigurableApplicationContext instance, String username) throws Exception {
        RawStomp client = connect(instance, username);
        client.subscribe("presence", "/topic/cycles/" + cycle + "/presence");
        return client;
    }

    /** The {@code index}th presence frame the client received; every frame up to it keeps the contract. */
    private JsonNode awaitFrame(RawStomp client, int index) {
        return awaitFrame(client, "presence", index);
    }

    private JsonNode awaitFrame(RawStomp client, String subscription, int index) {
        await().atMost(WAIT).until(() -> client.messages(subscription).size() > index);
        List<String> frames = client.messages(subscription);
        assertFramesKeepTheContract(frames);
        JsonNode frame = json(frames.get(index));
        assertThat(frame.path("cycleId").asText()).isEqualTo(cycle);
        return frame;
    }

    private static void assertFramesKeepTheContract(List<String> frames) {
        for (String frame : frames) {
            assertThat(Contract.load().validateFrame(FRAMES, frame)).as(frame).isEmpty();
        }
    }

    private static List<String> users(JsonNode frame) {
        List<String> users = new ArrayList<>();
        frame.path("present").forEach(present -> users.add(present.path("user").asText()));
        return users;
    }

    private static String sendTo(String cycleId) {
        return "/app/cycles/" + cycleId + "/presence";
    }

    private static String url(ConfigurableApplicationContext instance) {
        return "ws://localhost:" + ((WebServerApplicationContext) instance).getWebServer().getPort() + "/ws";
    }

    private static String last(List<String> frames) {
        return frames.get(frames.size() - 1);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
