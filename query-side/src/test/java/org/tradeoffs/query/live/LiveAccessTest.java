package org.tradeoffs.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.query.QueryApplication;
import org.tradeoffs.query.TestMongo;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.presence.RawStomp;

/** Who may put frames on a cycle's topics, and who keeps receiving them once their role is gone. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QueryApplication.CONFIG_NAME)
class LiveAccessTest {

    @RegisterExtension
    static final TestMongo MONGO = new TestMongo();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        MONGO.register(properties);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    Directory directory;
    @Autowired
    SimpUserRegistry subscriptions;

    private final String district = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();

    @BeforeEach
    void openACycle() {
        append("District", district, 0, new DistrictRegistered(district, "Hayward USD", 22272, "admin"));
        append("District", district, 1, new MemberRoleGranted(district, "designer", Role.DESIGN_TEAM, "admin"));
        append("District", district, 2, new MemberRoleGranted(district, "analyst", Role.ROI_ANALYST, "admin"));
        append("Cycle", cycle, 0, new PlanningCycleOpened(cycle, district, "SY 2027-28", "steering"));
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.districtOfCycle(cycle).isPresent());
    }

    /** Spring would hand a client's MESSAGE frame to the broker like a SEND: broadcast to the topic's subscribers. */
    @Test
    void aFrameOnlyTheServerSendsIsRefusedFromAnyClientAndReachesNoSubscriber() throws Exception {
        RawStomp designer = connect("designer");
        designer.subscribe("s1", topic("priorities"));
        awaitSubscribers(topic("priorities"), 1);

        RawStomp outsider = connect("outsider");
        RawStomp analyst = connect("analyst");
        for (RawStomp forger : List.of(outsider, analyst)) {
            forger.write("MESSAGE\ndestination:" + topic("priorities") + "\nmessage-id:x\nsubscription:s1\nposition:999\n"
                    + "content-type:application/json\n\n{\"position\":999,\"type\":\"PriorityApproved\",\"forged\":true}");
            await().atMost(Duration.ofSeconds(10)).until(forger::closed);
            assertThat(forger.withCommand("ERROR")).extracting(frame -> frame.headers().get("message"))
                    .containsExactly(SubscriptionGuard.FORBIDDEN);
        }

        proposePriority("Coaches");
        await().atMost(Duration.ofSeconds(10)).until(() -> !designer.messages("s1").isEmpty());
        assertThat(designer.messages("s1")).hasSize(1).allSatisfy(body -> assertThat(body).contains("Coaches")
                .doesNotContain("forged"));
    }

    @Test
    void aMemberWhoseLastRoleIsRevokedIsRefusedAndGetsNoLaterChange() throws Exception {
        RawStomp analyst = connect("analyst");
        analyst.subscribe("s1", topic("priorities"));
        RawStomp designer = connect("designer");
        designer.subscribe("s1", topic("priorities"));
        awaitSubscribers(topic("priorities"), 2);

        append("District", district, 3, new MemberRoleRevoked(district, "analyst", Role.ROI_ANALYST, "admin"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !directory.isMember("analyst", district));
        proposePriority("Confidential title");

        await().atMost(Duration.ofSeconds(10)).until(() -> !designer.messages("s1").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(analyst::closed);
        assertThat(analyst.withCommand("ERROR")).extracting(frame -> frame.headers().get("message"))
                .containsExactly(SubscriptionGuard.FORBIDDEN);
        assertThat(analyst.messages("s1")).noneMatch(body -> body.contains("Confidential"));
    }

    /** Presence frames come through Spring's broker, not the change feed: the periodic check finds the session. */
    @Test
    void aRevokedMemberWhoOnlyFollowsPresenceIsDisconnectedWithinSeconds() throws Exception {
        RawStomp analyst = connect("analyst");
        analyst.subscribe("p1", "/topic/cycles/" + cycle + "/presence");
        awaitSubscribers("/topic/cycles/" + cycle + "/presence", 1);

        append("District", district, 3, new MemberRoleRevoked(district, "analyst", Role.ROI_ANALYST, "admin"));

        await().atMost(Duration.ofSeconds(10)).until(analyst::closed);
        assertThat(analyst.withCommand("ERROR")).extracting(frame -> frame.headers().get("message"))
                .containsExactly(SubscriptionGuard.FORBIDDEN);
    }

    private RawStomp connect(String username) throws Exception {
        return RawStomp.connect("ws://localhost:" + port + "/ws", username, "0,0");
    }

    private String topic(String name) {
        return "/topic/cycles/" + cycle + "/" + name;
    }

    private void awaitSubscribers(String destination, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                subscriptions.findSubscriptions(s -> s.getDestination().equals(destination)).size() == count);
    }

    private void proposePriority(String title) {
        String priority = UUID.randomUUID().toString();
        append("Priority", priority, 0, new PriorityProposed(priority, cycle, district, new PriorityDetails(title, "",
                "x", Fundability.ACTION, CostSplit.allUnallocated(new BigDecimal("1.00")), null), "designer"));
    }

    private void append(String type, String aggregateId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, event));
    }
}
