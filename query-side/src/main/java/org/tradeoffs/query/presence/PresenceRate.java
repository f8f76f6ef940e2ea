package org.tradeoffs.query.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * How many presence updates a connection may send: {@value #BURST} at once, then {@value #PER_SECOND} a second (a
 * token bucket per connection). Each update the guard lets through costs a read of the event store (is the item the
 * cycle's?) and a write of the presence collection on the inbound threads every connection shares; a client that
 * sends faster than anyone moves between items is answered {@code too-many-updates} instead.
 */
@Component
class PresenceRate {

    static final int BURST = 20;
    static final int PER_SECOND = 10;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    PresenceRate() {
        this(System::nanoTime);
    }

    PresenceRate(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether the connection may send one more update now; counts it if so. */
    boolean allow(String sessionId) {
        return buckets.computeIfAbsent(sessionId, id -> new Bucket(nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    @EventListener
    void on(SessionDisconnectEvent disconnect) {
        buckets.remove(disconnect.getSessionId());
    }

    private static final class Bucket {

        private static final long NANOS_PER_TOKEN = TimeUnit.SECONDS.toNanos(1) / PER_SECOND;

        private long tokens = BURST;
        private long refilledAt;

        Bucket(long now) {
            this.refilledAt = now;
        }

        synchronized boolean take(long now) {
            long earned = (now - refilledAt) / NANOS_PER_TOKEN;
            if (earned > 0) {
                tokens = Math.min(BURST, tokens + earned);
                refilledAt = tokens == BURST ? now : refilledAt + earned * NANOS_PER_TOKEN;
            }
            if (tokens == 0) {
                return false;
            }
            tokens--;
            return true;
        }
    }
}
