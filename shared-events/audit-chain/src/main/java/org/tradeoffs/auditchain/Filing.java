package org.tradeoffs.auditchain;

import java.util.List;

/**
 * How the event store files an event besides its payload: what an upcaster, an event-sourced aggregate and a replay
 * scoped by tag read of it, and when its commit was stored (what an as-of instant is matched against). Sealed from
 * chain format 2 on, so that changing any of it in the store is found like a changed payload.
 *
 * @param revision      the payload's schema version as stored ({@code payloadRevision}); null when it has none
 * @param aggregateType the type of the aggregate the event belongs to; null for an event of no aggregate
 * @param aggregateId   the aggregate's id (for an event of no aggregate, the event's own id)
 * @param sequence      the event's sequence number in its aggregate
 * @param tags          the tags it is found by, in their stored order
 * @param committedAt   when its commit was stored, as the store keeps it
 */
public record Filing(String revision, String aggregateType, String aggregateId, long sequence, List<String> tags,
        String committedAt) {

    public Filing {
        tags = List.copyOf(tags);
    }

    /** {@code ["a","b"]} as canonical JSON. */
    String tagsJson() {
        StringBuilder json = new StringBuilder("[");
        for (String tag : tags) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(CanonicalJson.quote(tag));
        }
        return json.append(']').toString();
    }
}
