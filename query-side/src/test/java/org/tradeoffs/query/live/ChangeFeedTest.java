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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

class ChangeFeedTest {

    private static final CycleTopic TOPIC = CycleTopic.priorities("c-1");

    /** A transient store error (an election, a network blip) while a catch-up reads the change log. */
    @Test
    void aCatchUpWhoseReadFailsOnceStillDeliversEveryMissedFrameThenTheLiveOnes() throws Exception {
        AtomicLong token = new AtomicLong(10);
        ProcessorTokens tokens = mock(ProcessorTokens.class);
        when(tokens.positions()).thenAnswer(call -> Map.of(ChangeFeed.processorOf(Kind.PRIORITIES), token.get()));
        List<Change> stored = LongStream.rangeClosed(1, 11)
                .mapToObj(p -> new Change(p, Kind.PRIORITIES, "c-1", "{\"position\":" + p + "}")).toList();
        ChangeLog log = mock(ChangeLog.class);
        AtomicBoolean failOnce = new AtomicBoolean(true);
        when(log.read(any(), any(), anyLong(), anyLong(), anyInt())).thenAnswer(call -> {
            String cycle = call.getArgument(0);
            long after = call.getArgument(2);
            long upTo = call.getArgument(3);
            int limit = call.getArgument(4);
            if (cycle != null && failOnce.getAndSet(false)) {
                throw new MongoException("a replica set election"); 
            }
            return stored.stream().filter(c -> c.position() > after && c.position() <= upTo).limit(limit).toList();
        });

        SimpleBrokerMessageHandler broker = new SimpleBrokerMessageHandler(new ExecutorSubscribableChannel(),
                new ExecutorSubscribableChannel(), new ExecutorSubscribableChannel(), List.of("/topic"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        LiveSessions sessions = new LiveSessions(pool::execute, 5_000, 1 << 20);
        List<String> sent = new CopyOnWriteArrayList<>();
        WebSocketSession socket = mock(WebSocketSession.class);
        when(socket.getId()).thenReturn("s-1");
        when(socket.isOpen()).thenReturn(true);
        when(socket.getPrincipal()).thenReturn(() -> "designer");
        doAnswer(call -> sent.add(((TextMessage) call.getArgument(0)).getPayload())).when(socket).sendMessage(any());
        sessions.decorate(mock(WebSocketHandler.class)).afterConnectionEstablished(socket);
        sessions.get("s-1").orElseThrow().socket().sendMessage(new TextMessage("CONNECTED\nversion:1.2\n\n\0"));

        CatchUps catchUps = new CatchUps();
        Directory directory = mock(Directory.class);
        when(directory.districtOfCycle("c-1")).thenReturn(Optional.of("d-1"));
        when(directory.membersOf("d-1")).thenReturn("designer"::equals);
        CycleReaders readers = new CycleReaders(directory, sessions, mock(SimpUserRegistry.class));
        ChangeFeed feed = new ChangeFeed(log, tokens, broker, sessions, catchUps, readers, Duration.ofMillis(10),
                DataSize.ofMegabytes(1));
        feed.start();
        try {
            Message<byte[]> subscribe = subscribe("s-1", "sub-0", TOPIC.destination(), "5");
            catchUps.preSend(subscribe, null);
            broker.getSubscriptionRegistry().registerSubscription(subscribe);
            catchUps.afterMessageHandled(subscribe, null, broker, null);

            await().atMost(Duration.ofSeconds(5)).until(() -> !failOnce.get());
            Thread.sleep(300); // the feed retries
            token.set(11); // a new change arrives live

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(positions(sent)).containsExactly(6L, 7L, 8L, 9L, 10L, 11L));
        } finally {
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
        headers.setNativeHeader(CatchUps.SINCE, since);
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
