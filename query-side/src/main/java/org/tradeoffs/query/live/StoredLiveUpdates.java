package org.tradeoffs.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Where projections announce their changes: each frame is stored in the {@link ChangeLog} as the exact JSON text
 * subscribers will receive, and the {@link ChangeFeed} of every query-side instance pushes it from there. Storing
 * first means a frame that was pushed can always be found again by a client catching up.
 */
@Component
class StoredLiveUpdates implements LiveUpdates {

    private final ChangeLog changes;
    private final ObjectMapper json;

    StoredLiveUpdates(ChangeLog changes, ObjectMapper json) {
        this.changes = changes;
        this.json = json;
    }

    @Override
    public void send(CycleTopic topic, LiveFrame<?> frame) {
        String text;
        try {
            text = json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the frame of position " + frame.position(), e);
        }
        // written with the batch, before its views (see WriteBatch): the feed pushes it once the token says so
        changes.record(topic, frame.position(), text);
    }
}
