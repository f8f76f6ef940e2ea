package org.tradeoffs.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.MongoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.live.ChangeLog.Change;
import org.tradeoffs.query.live.CycleTopic.Kind;
import org.tradeoffs.query.presence.PresenceSessions;

class ChangeFeedTest {

    private static final CycleTopic TOPIC = CycleTopic.priorities("c-1");

    /** A transient store error (an election, a network blip) while a catch-up reads the change log. */
    @Test
    void aCatchUpWhoseReadFailsOnceStillDeliversEveryMissedFrameThenTheLiveOnes() throws Exception {
        AtomicBoolean failOnce = new AtomicBoolean(true);
        try (Feed feed = new Feed(10, 11, "", 1 << 20, 0, cycle -> cycle != null && failOnce.getAndSet(false))) {
            feed.subscribe("5");

            await().atMost(Duration.ofSeconds(5)).until(() -> !failOnce.get());
            Thread.sleep(300); // the feed retries
            feed.token.set(11); // a new change arrives live

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(positions(feed.sent)).containsExactly(6L, 7L, 8L, 9L, 10L, 11L));
        }
    }

    /**
     * A burst of large frames, far more than the session's send buffer limit, reaches a client that reads slower than
     * the burst comes: it is not disconnected, and gets every frame once, in order (the rest of the burst as a
     * catch-up, in parts, as it reads).
     */
    @Test
    void aClientReadingSlowerThanABurstComesGetsEveryFrameOnceInOrderAndStaysConnected() throws Exception {
        int limit = 64 * 1024;
        try (Feed feed = new Feed(0, 200, "x".repeat(6000), limit, 2, cycle -> false)) {
            feed.subscribe(null);
            Thread.sleep(100);

            feed.token.set(200); // 200 frames of 6 KB at once: 1.2 MB

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(positions(feed.sent))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList()));
            assertThat(feed.closed).as("the session was closed").isFalse();
            assertThat(feed.mostWaiting.get()).as("bytes waiting for the session at most").isLessThanOrEqualTo(limit);
        }
    }

    /** The processors of the instance wake its feed after each batch (FeedWakeUps): their changes need no poll. */
    @Test
    void aWokenFeedPushesTheChangesOfAStoredTokenWithoutWaitingForItsPoll() throws Exception {
        try (Feed feed = new Feed(0, 3, "", 1 << 20, 0, cycle -> false, Duration.ofHours(1))) {
            feed.subscribe(null);
            Thread.sleep(200); // the feed's first round is over: its next poll is an hour away
            feed.token.set(3);

            feed.feed.wake();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(positions(feed.sent)).containsExactly(1L, 2L, 3L));
        }
    }

    /**
     * With a round spacing, changes whose wake-ups come soon after a round wait for the spacing and leave together:
     * fewer, larger messages under a steady stream of small batches.
     */
    @Test
    void changesWokenWithinTheRoundSpacingGoOutTogether() throws Exception {
        try (Feed feed = new Feed(0, 4, "", 1 << 20, 0, cycle -> false, Duration.ofHours(1), Duration.ofSeconds(2))) {
            feed.subscribe(null);
            Thread.sleep(2_200); // the first round is over, and its spacing
            feed.token.set(1);
            feed.feed.wake();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(positions(feed.sent)).containsExactly(1L));

            for (long position = 2; position <= 4; position++) {
                feed.token.set(position);
                feed.feed.wake();
                Thread.sleep(20);
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(positions(feed.sent)).containsExactly(1L, 2L, 3L, 4L));
            assertThat(feed.sent).as("CONNECTED, 1, then 2 to 4 in one message").hasSize(3);
            assertThat(positions(List.of(feed.sent.get(2)))).containsExactly(2L, 3L, 4L);
        }
    }

    /**
     * A store read the broadcast needs (who may read a cycle) fails once, in a round whose changes are of two cycles:
     * the round queues none of them, and the next one pushes each once, in order.
     */
    @Test
    void aBroadcastWhoseCheckFailsOnceStillPushesEveryChangeOnceInOrder() throws Exception {
        AtomicBoolean failOnce = new AtomicBoolean(true);
        try (Feed feed = new Feed(0, 6, "", 1 << 20, 0, cycle -> false, Duration.ofMillis(10), Duration.ZERO,
                position -> position % 2 == 1 ? "c-1" : "c-2", () -> failOnce.getAndSet(false))) {
            feed.subscribe(TOPIC, "sub-0", null);
            feed.subscribe(CycleTopic.priorities("c-2"), "sub-1", null);
            Thread.sleep(100);

            feed.token.set(6);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(positions(feed.sent)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L));
            assertThat(failOnce).as("the check failed once").isFalse();
            Thread.sleep(200);
            assertThat(positions(feed.sent)).as("nothing more").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
    }

    /**
     * A feed of the changes 1..{@code stored} of cycle c-1's priorities, with {@code token} as the priorities
     * processor's token, to one session of a member of the cycle's district, whose socket takes
     * {@code millisPerMessage} per message; the feed polls the token every 10 ms unless told otherwise.
     */
    private static final class Feed implements AutoCloseable {

        final AtomicLong token;
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicLong mostWaiting = new AtomicLong();
        volatile boolean closed;
        private final SimpleBrokerMessageHandler broker = new SimpleBrokerMessageHandler(
                new ExecutorSubscribableChannel(), new ExecutorSubscribableChannel(), new ExecutorSubscribableChannel(),
                List.of("/topic"));
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        private final LiveSessions sessions;
        private final CatchUps catchUps = new CatchUps();
        private final CycleReaders readers;
        final ChangeFeed feed;

        Feed(long token, int stored, String padding, int bufferSizeLimit, long millisPerMessage,
                Predicate<String> readFails) throws Exception {
            this(token, stored, padding, bufferSizeLimit, millisPerMessage, readFails, Duration.ofMillis(10));
        }

        Feed(long token, int stored, String padding, int bufferSizeLimit, long millisPerMessage,
                Predicate<String> readFails, Duration pollInterval) throws Exception {
            this(token, stored, padding, bufferSizeLimit, millisPerMessage, readFails, pollInterval, Duration.ZERO);
        }

        Feed(long token, int stored, String padding, int bufferSizeLimit, long millisPerMessage,
                Predicate<String> readFails, Duration pollInterval, Duration roundSpacing) throws Exception {
            this(token, stored, padding, bufferSizeLimit, millisPerMessage, readFails, pollInterval, roundSpacing,
                    position -> "c-1", () -> false);
        }

        /**
         * With the changes' cycles given by position: c-1 of district d-1 or c-2 of district d-2, whose members'
         * read fails while {@code membersOfD2Fails} says so.
         */
        Feed(long token, int stored, String padding, int bufferSizeLimit, long millisPerMessage,
                Predicate<String> readFails, Duration pollInterval, Duration roundSpacing, LongFunction<String> cycleOf,
                BooleanSupplier membersOfD2Fails) throws Exception {
            this.token = new AtomicLong(token);
            ProcessorTokens tokens = mock(ProcessorTokens.class);
            when(tokens.positions()).thenAnswer(call ->
                    Map.of(ChangeFeed.processorOf(Kind.PRIORITIES), this.token.get()));
            List<Change> changes = LongStream.rangeClosed(1, stored).mapToObj(p -> new Change(p, Kind.PRIORITIES,
                    cycleOf.apply(p), "{\"position\":" + p + ",\"padding\":\"" + padding + "\"}")).toList();
            ChangeLog log = mock(ChangeLog.class);
            when(log.read(any(), any(), anyLong(), anyLong(), anyInt())).thenAnswer(call -> {
                long after = call.getArgument(2);
                long upTo = call.getArgument(3);
                int limit = call.getArgument(4);
                if (readFails.test(call.getArgument(0))) {
                    throw new MongoException("a replica set election");
                }
                return changes.stream().filter(c -> c.position() > after && c.position() <= upTo).limit(limit)
                        .toList();
            });
            when(log.readEach(any(), anyInt())).thenAnswer(call -> {
                Map<Kind, ChangeLog.Range> ranges = call.getArgument(0);
                int limit = call.getArgument(1);
                if (readFails.test(null)) {
                    throw new MongoException("a replica set election");
                }
                Map<Kind, List<Change>> found = new EnumMap<>(Kind.class);
                ranges.forEach((kind, range) -> found.put(kind, changes.stream()
                        .filter(c -> c.kind() == kind && c.position() > range.after() && c.position() <= range.upTo())
                        .limit(limit).toList()));
                return found;
            });
            sessions = new LiveSessions(pool::execute, 5_000, bufferSizeLimit, 0);
            WebSocketSession socket = mock(WebSocketSession.class);
            when(socket.getId()).thenReturn("s-1");
            when(socket.isOpen()).thenReturn(true);
            when(socket.getPrincipal()).thenReturn(() -> "designer");
            doAnswer(call -> {
                LiveSession session = sessions.get("s-1").orElseThrow();
                mostWaiting.accumulateAndGet(session.waitingBytes(), Math::max);
                Thread.sleep(millisPerMessage);
                return sent.add(((TextMessage) call.getArgument(0)).getPayload());
            }).when(socket).sendMessage(any());
            doAnswer(call -> closed = true).when(socket).close(any());
            sessions.decorate(mock(WebSocketHandler.class)).afterConnectionEstablished(socket);
            sessions.get("s-1").orElseThrow().socket().sendMessage(new TextMessage("CONNECTED\nversion:1.2\n\n\0"));

            Directory directory = mock(Directory.class);
            when(directory.districtOfCycle("c-1")).thenReturn(Optional.of("d-1"));
            when(directory.membersOf("d-1")).thenReturn("designer"::equals);
            when(directory.districtOfCycle("c-2")).thenReturn(Optional.of("d-2"));
            when(directory.membersOf("d-2")).thenAnswer(call -> {
                if (membersOfD2Fails.getAsBoolean()) {
                    throw new MongoException("a network blip");
                }
                return (Predicate<String>) "designer"::equals;
            });
            readers = new CycleReaders(directory, sessions, mock(SimpUserRegistry.class), mock(PresenceSessions.class));
            feed = new ChangeFeed(log, tokens, new BrokerSubscriptions(broker), sessions, catchUps, readers,
                    pollInterval, roundSpacing, DataSize.ofMegabytes(1));
            feed.start();
        }

        /** Subscribes the session to the topic, as the inbound channel does: with since-position unless null. */
        void subscribe(String since) {
            subscribe(TOPIC, "sub-0", since);
        }

        void subscribe(CycleTopic topic, String subscriptionId, String since) {
            Message<byte[]> subscribe = ChangeFeedTest.subscribe("s-1", subscriptionId, topic.destination(), since);
            catchUps.preSend(subscribe, null);
            broker.getSubscriptionRegistry().registerSubscription(subscribe);
            catchUps.afterMessageHandled(subscribe, null, broker, null);
        }

        @Override
        public void close() {
            feed.stop();
            readers.stop();
            sessions.stop();
            pool.shutdownNow();
        }
    }

    private static Message<byte[]> subscribe(String session, String id, String destination, String since) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
        headers.setSessionId(session);
        headers.setSubscriptionId(id);
        headers.setDestination(destination);
        if (since != null) {
            headers.setNativeHeader(CatchUps.SINCE, since);
        }
        headers.setHeader("simpMessageType", SimpMessageType.SUBSCRIBE);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }

    private static List<Long> positions(List<String> sent) {
        Matcher matcher = Pattern.compile("\nposition:(\\d+)\n").matcher(String.join("", sent));
        List<Long> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(Long.parseLong(matcher.group(1)));
        }
        return found;
    }
}
