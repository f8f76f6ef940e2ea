package org.tradeoffs.query.rebuild;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/** Pushes each rebuild's progress to administrators subscribed to {@value #TOPIC}. */
@Component
public class RebuildProgress {

    public static final String TOPIC = "/topic/admin/rebuilds";

    private final SimpMessagingTemplate messaging;

    public RebuildProgress(SimpMessagingTemplate messaging) {
        this.messaging = messaging;
    }

    void publish(RebuildStatus status) {
        messaging.convertAndSend(TOPIC, status);
    }
}
