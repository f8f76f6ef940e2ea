package org.tradeoffs.query.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;
import org.tradeoffs.query.projection.InMemoryMongo;

/**
 * The presence of one instance's sessions as frames arrive, including the orders a multi-threaded inbound channel
 * can handle them in: what the store holds is always what the client said last.
 */
class PresenceSessionsTest {

    static final String SESSION = "session-1";
    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String OTHER_CYCLE = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";

    private static final InMemoryMongo MONGO = new InMemoryMongo();

    private final PresenceStore store = new PresenceStore(MONGO.database());
    private final PresenceSessions sessions = new PresenceSessions(store);
    private final Principal designer = new UsernamePasswordAuthenticationToken("designer", null, List.of());

    @BeforeEach
    void forgetEveryone() {
        MONGO.database().getCollection(PresenceStore.COLLECTION).drop();
    }

    @AfterAll
    static void closeMongo() {
        MONGO.close();
    }

    @Test
    void aSessionIsPresentInACycleUntilItLeavesTheCyclesLastTopic() {
        connect();
        subscribe("1", "/topic/cycles/" + CYCLE + "/timeline");
        subscribe("2", "/topic/cycles/" + CYCLE + "/presence");
        subscribe("3", "/topic/cycles/" + OTHER_CYCLE + "/priorities");
        assertThat(store.all()).extracting(Presence::cycleId).containsExactlyInAnyOrder(CYCLE, OTHER_CYCLE);

        unsubscribe("1");
        assertThat(store.all()).extracting(Presence::cycleId).containsExactlyInAnyOrder(CYCLE, OTHER_CYCLE);
        unsubscribe("2");
        assertThat(store.all()).extracting(Presence::cycleId).containsExactly(OTHER_CYCLE);
    }

    @Test
    void theDocumentNamesTheUserAndAnOpaqueConnectionButNotTheSession() {
        connect();
        subscribe("1", "/topic/cycles/" + CYCLE + "/timeline");

        Presence entry = store.all().get(0);
        assertThat(entry.user()).isEqualTo("designer");
        assertThat(entry.connection()).matches("[0-9a-f]{12}").doesNotContain(SESSION);
        assertThat(entry.viewing()).isNull();
        assertThat(entry.editing()).isNull();
    }

    @Test
    void subscribingToAnythingButACycleTopicIsNoPresence() {
        connect();
        subscribe("1", "/user/queue/errors");
        subscribe("2", "/topic/admin/rebuilds");

        assertThat(store.all()).isEmpty();
    }

    @Test
    void aSendHandledAfterALaterOneChangesNothing() {
        connect();
        subscribe("1", "/topic/cycles/" + CYCLE + "/timeline");
        long first = received();
        long second = received();

        sessions.update(SESSION, second, CYCLE, viewing("b"));
        sessions.update(SESSION, first, CYCLE, viewing("a"));

        assertThat(store.all()).singleElement().extracting(Presence::viewing).isEqualTo(item("b"));
    }

    @Test
    void aSendReceivedBeforeLeavingTheCycleButHandledAfterDoesNotBringTheSessionBack() {
        connect();
        subscribe("1", "/topic/cycles/" + CYCLE + "/timeline");
        long sent = received();
        unsubscribe("1");

        sessions.update(SESSION, sent, CYCLE, viewing("a"));

        assertThat(store.all()).isEmpty();
    }

    @Test
    void aSendAfterLeavingJoinsTheCycleAgain() {
        connect();
        subscribe("1", "/topic/cycles/" + CYCLE + "/timeline");
        unsubscribe("1");

        sessions.update(SESSION, received(), CYCLE, viewing("a"));

        assertThat(store.all()).singleElement().extracting(Presence::viewing).isEqualTo(item("a"));
    }

    @Test
    void aSendReceivedBeforeTheFirstSubscriptionIsKept() {
        connect();
        long sent = received();
        subscribe("1", "/topic/cycles/" + CYCLE + "/timeline");

        sessions.update(SESSION, sent, CYCLE, viewing("a"));

        assertThat(store.all()).singleElement().extracting(Presence::viewing).isEqualTo(item("a"));
    }

    @Test
    void aSendHandledAfterTheConnectionEndedDoesNothing() {
        connect();
        subscribe("1", "/topic/cycles/" + CYCLE + "/timeline");
        long sent = received();
        sessions.on(new SessionDisconnectEvent(this, frame(StompCommand.DISCONNECT, null, null), SESSION,
                CloseStatus.SESSION_NOT_RELIABLE, designer));
        assertThat(store.all()).isEmpty();

        sessions.update(SESSION, sent, CYCLE, viewing("a"));

        assertThat(store.all()).isEmpty();
    }

    @Test
    void aRefreshOfMoreSessionsThanOneRequestCarriesMarksEachOfThemSeenAndCountsThoseStored() {
        Instant before = Instant.parse("2026-12-01T10:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Presence entry = new Presence("session-" + i + ":" + CYCLE, CYCLE, "designer", "c" + i, "here", null, null,
                    before, before);
            store.save(entry);
            ids.add(entry.id());
        }
        ids.add("session-gone:" + CYCLE);
        Instant now = before.plusSeconds(5);

        assertThat(store.refresh(ids, now)).isEqualTo(250);
        assertThat(store.all()).hasSize(250).allSatisfy(entry -> assertThat(entry.seenAt()).isEqualTo(now));
    }

    @Test
    void anEntryAnotherInstanceTookForGoneIsWrittenAgainOnRefresh() {
        connect();
        subscribe("1", "/topic/cycles/" + CYCLE + "/timeline");
        sessions.update(SESSION, received(), CYCLE, viewing("a"));
        store.delete(store.all().stream().map(Presence::id).toList());

        sessions.refresh();

        assertThat(store.all()).singleElement().extracting(Presence::viewing).isEqualTo(item("a"));
    }

    @Test
    void aPresenceSubscriptionTheBrokerAddedBeforeItsSubscribeEventIsWelcomedOnceItsPresenceIsStored() {
        connect();
        String presence = "/topic/cycles/" + CYCLE + "/presence";
        brokerAdds("1", presence);
        assertThat(sessions.takeWelcomes()).isEmpty();

        subscribe("1", presence);

        assertThat(store.all()).extracting(Presence::cycleId).containsExactly(CYCLE);
        assertThat(sessions.takeWelcomes()).containsExactly(new PresenceSessions.Welcome(SESSION, "1", CYCLE));
    }

    @Test
    void aPresenceSubscriptionIsWelcomedOnceWhicheverComesFirst() {
        connect();
        String presence = "/topic/cycles/" + CYCLE + "/presence";
        subscribe("1", presence);
        brokerAdds("1", presence);
        brokerAdds("2", presence);
        subscribe("2", presence);

        assertThat(sessions.takeWelcomes()).containsExactly(new PresenceSessions.Welcome(SESSION, "1", CYCLE),
                new PresenceSessions.Welcome(SESSION, "2", CYCLE));
        assertThat(sessions.takeWelcomes()).isEmpty();
    }

    private void connect() {
        sessions.on(new SessionConnectEvent(this, frame(StompCommand.CONNECT, null, null), designer));
    }

    private void subscribe(String subscriptionId, String destination) {
        sessions.on(new SessionSubscribeEvent(this, frame(StompCommand.SUBSCRIBE, subscriptionId, destination),
                designer));
    }

    /** The broker handled the SUBSCRIBE frame on an inbound channel thread. */
    private void brokerAdds(String subscriptionId, String destination) {
        sessions.afterMessageHandled(frame(StompCommand.SUBSCRIBE, subscriptionId, destination),
                mock(MessageChannel.class), mock(SimpleBrokerMessageHandler.class), null);
    }

    private void unsubscribe(String subscriptionId) {
        sessions.on(new SessionUnsubscribeEvent(this, frame(StompCommand.UNSUBSCRIBE, subscriptionId, null),
                designer));
    }

    /** Receives a presence SEND as the inbound channel does, answering the number it was given. */
    private long received() {
        Message<byte[]> send = frame(StompCommand.SEND, null, "/app/cycles/" + CYCLE + "/presence");
        Message<?> numbered = sessions.preSend(send, mock(MessageChannel.class));
        return (Long) numbered.getHeaders().get(PresenceSessions.RECEIVED);
    }

    private static PresenceUpdate viewing(String id) {
        return new PresenceUpdate(item(id), null);
    }

    private static PresenceItem item(String id) {
        return new PresenceItem("priority", id);
    }

    private Message<byte[]> frame(StompCommand command, String subscriptionId, String destination) {
        StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
        accessor.setSessionId(SESSION);
        accessor.setUser(designer);
        if (subscriptionId != null) {
            accessor.setSubscriptionId(subscriptionId);
        }
        if (destination != null) {
            accessor.setDestination(destination);
        }
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }
}
