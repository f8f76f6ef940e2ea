package org.tradeoffs.query.projection;

import java.util.ArrayList;
import java.util.List;
import org.tradeoffs.query.live.CycleTopic;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.live.LiveUpdates;

/** Remembers what a projection pushed, instead of sending it. */
public final class RecordingLiveUpdates implements LiveUpdates {

    public record Sent(String destination, LiveFrame<?> frame) {
    }

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(CycleTopic topic, LiveFrame<?> frame) {
        sent.add(new Sent(topic.destination(), frame));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public void clear() {
        sent.clear();
    }
}
