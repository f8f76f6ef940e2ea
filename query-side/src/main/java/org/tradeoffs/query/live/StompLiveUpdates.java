package org.tradeoffs.query.live;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

@Component
class StompLiveUpdates implements LiveUpdates {

    private final SimpMessagingTemplate messaging;

    StompLiveUpdates(SimpMessagingTemplate messaging) {
        this.messaging = messaging;
    }

    @Override
    public void send(CycleTopic topic, LiveFrame<?> frame) {
        messaging.convertAndSend(topic.destination(), frame);
    }
}
