package org.tradeoffs.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.tradeoffs.query.directory.Directory;

class SubscriptionGuardTest {

    static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";

    private final Directory directory = mock(Directory.class);
    private final MessageChannel channel = mock(MessageChannel.class);
    private final SubscriptionGuard guard = new SubscriptionGuard(directory);

    @BeforeEach
    void setUp() {
        when(directory.districtOfCycle(CYCLE)).thenReturn(Optional.of(DISTRICT));
        when(directory.isMember("auditor", DISTRICT)).thenReturn(true);
    }

    @Test
    void memberMaySubscribeToTheCyclesPrioritiesAndTimeline() {
        Message<byte[]> priorities = frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/priorities", "auditor");
        Message<byte[]> timeline = frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/timeline", "auditor");

        assertThat(guard.preSend(priorities, channel)).isSameAs(priorities);
        assertThat(guard.preSend(timeline, channel)).isSameAs(timeline);
    }

    @Test
    void memberMaySubscribeToTheCyclesSavings() {
        Message<byte[]> savings = frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/savings", "auditor");

        assertThat(guard.preSend(savings, channel)).isSameAs(savings);
    }

    @Test
    void outsiderIsRefusedTheCyclesSavings() {
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/savings", "outsider"));
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/unknown-cycle/savings", "auditor"));
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/savings/extra", "auditor"));
        assertRefused(frame(StompCommand.SEND, "/topic/cycles/" + CYCLE + "/savings", "auditor"));
    }

    @Test
    void memberMaySubscribeToTheCyclesTradeoffsAndInputs() {
        Message<byte[]> tradeoffs = frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/tradeoffs", "auditor");
        Message<byte[]> inputs = frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/inputs", "auditor");

        assertThat(guard.preSend(tradeoffs, channel)).isSameAs(tradeoffs);
        assertThat(guard.preSend(inputs, channel)).isSameAs(inputs);
    }

    @Test
    void outsiderIsRefusedTheCyclesTradeoffsAndInputs() {
        for (String topic : List.of("tradeoffs", "inputs")) {
            assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/" + topic, "outsider"));
            assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/" + topic, null));
            assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/unknown-cycle/" + topic, "auditor"));
            assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/" + topic + "/extra", "auditor"));
            assertRefused(frame(StompCommand.SEND, "/topic/cycles/" + CYCLE + "/" + topic, "auditor"));
        }
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/stakeholder-inputs", "auditor"));
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/balance", "auditor"));
    }

    @Test
    void outsiderIsRefusedWithForbidden() {
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/priorities", "outsider"));
    }

    @Test
    void subscriptionWithoutAUserIsRefused() {
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/timeline", null));
    }

    @Test
    void subscriptionToACycleTheDirectoryDoesNotKnowIsRefused() {
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/unknown-cycle/priorities", "auditor"));
    }

    @Test
    void subscriptionToAnyOtherDestinationIsRefused() {
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/secrets", "auditor"));
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/priorities/extra", "auditor"));
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/*/priorities", "auditor"));
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/**", "auditor"));
        assertRefused(frame(StompCommand.SUBSCRIBE, "/user/queue/other", "auditor"));
        assertRefused(frame(StompCommand.SUBSCRIBE, "/queue/errors-usersession-1", "auditor"));
        assertRefused(frame(StompCommand.SUBSCRIBE, "/app/cycles/" + CYCLE + "/presence", "auditor"));
        assertRefused(frame(StompCommand.SUBSCRIBE, null, "auditor"));
    }

    @Test
    void clientsCannotSendEvenToTheirOwnCyclesTopic() {
        assertRefused(frame(StompCommand.SEND, "/topic/cycles/" + CYCLE + "/priorities", "auditor"));
    }

    @Test
    void memberMaySubscribeToTheCyclesPresenceAndSendTheirOwn() {
        Message<byte[]> topic = frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/presence", "auditor");
        Message<byte[]> send = frame(StompCommand.SEND, "/app/cycles/" + CYCLE + "/presence", "auditor");

        assertThat(guard.preSend(topic, channel)).isSameAs(topic);
        assertThat(guard.preSend(send, channel)).isSameAs(send);
    }

    @Test
    void outsiderMayNeitherFollowNorSendPresence() {
        assertRefused(frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/presence", "outsider"));
        assertRefused(frame(StompCommand.SEND, "/app/cycles/" + CYCLE + "/presence", "outsider"));
        assertRefused(frame(StompCommand.SEND, "/app/cycles/" + CYCLE + "/presence", null));
        assertRefused(frame(StompCommand.SEND, "/app/cycles/unknown-cycle/presence", "auditor"));
    }

    @Test
    void presenceIsTheOnlyDestinationAMemberMaySendTo() {
        assertRefused(frame(StompCommand.SEND, "/topic/cycles/" + CYCLE + "/presence", "auditor"));
        assertRefused(frame(StompCommand.SEND, "/app/cycles/" + CYCLE + "/priorities", "auditor"));
        assertRefused(frame(StompCommand.SEND, "/app/cycles/" + CYCLE + "/presence/extra", "auditor"));
        assertRefused(frame(StompCommand.SEND, "/user/queue/errors", "auditor"));
        assertRefused(frame(StompCommand.SEND, "/queue/errors", "auditor"));
        assertRefused(frame(StompCommand.SEND, null, "auditor"));
    }

    @Test
    void anyAuthenticatedUserMayHearWhyTheirOwnSendWasNotApplied() {
        Message<byte[]> errors = frame(StompCommand.SUBSCRIBE, "/user/queue/errors", "outsider");

        assertThat(guard.preSend(errors, channel)).isSameAs(errors);
        assertRefused(frame(StompCommand.SUBSCRIBE, "/user/queue/errors", null));
    }

    /** Spring's broker would not register it, and the live feed would have no subscription to name in its frames. */
    @Test
    void aSubscriptionWithoutAnIdIsRefused() {
        Message<byte[]> withoutId = frame(StompCommand.SUBSCRIBE, "/topic/cycles/" + CYCLE + "/priorities", "auditor",
                null);

        assertThatThrownBy(() -> guard.preSend(withoutId, channel))
                .isInstanceOf(SubscriptionRefused.class)
                .hasMessage("missing-subscription-id");
    }

    @Test
    void connectingAndUnsubscribingPassThrough() {
        Message<byte[]> connect = frame(StompCommand.CONNECT, null, "outsider");
        Message<byte[]> unsubscribe = frame(StompCommand.UNSUBSCRIBE, null, "outsider");

        assertThat(guard.preSend(connect, channel)).isSameAs(connect);
        assertThat(guard.preSend(unsubscribe, channel)).isSameAs(unsubscribe);
    }

    private void assertRefused(Message<byte[]> message) {
        assertThatThrownBy(() -> guard.preSend(message, channel))
                .isInstanceOf(SubscriptionRefused.class)
                .hasMessage("forbidden");
    }

    private static Message<byte[]> frame(StompCommand command, String destination, String username) {
        return frame(command, destination, username, "sub-1");
    }

    private static Message<byte[]> frame(StompCommand command, String destination, String username,
            String subscriptionId) {
        StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
        accessor.setSessionId("session-1");
        if (subscriptionId != null) {
            accessor.setSubscriptionId(subscriptionId);
        }
        if (destination != null) {
            accessor.setDestination(destination);
        }
        if (username != null) {
            Principal user = new UsernamePasswordAuthenticationToken(username, null, List.of());
            accessor.setUser(user);
        }
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }
}
