package org.tradeoffs.auditchain;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the chain seals of one stored event: the fields an auditor reads in an export line.
 *
 * @param position the event's global position in the event store
 * @param time     the event's timestamp as stored (ISO-8601, UTC)
 * @param actor    the {@code actor} member of the payload (who caused the event); null if it has none
 * @param type     the stored payload type (the event's class name)
 * @param payload  the stored payload as canonical JSON ({@link CanonicalJson}); {@code null} (the JSON text) when
 *                 the event is missing
 */
public record AuditRecord(long position, String time, String actor, String type, String payload) {

    public AuditRecord {
        if (payload == null) {
            throw new IllegalArgumentException("payload must be a JSON text (\"null\" for none)");
        }
    }

    /**
     * The record of an event as the event store keeps it.
     *
     * @param payloadJson the stored payload JSON text
     * @throws IllegalArgumentException when the payload is not JSON
     */
    public static AuditRecord ofStored(long position, String timestamp, String payloadType, String payloadJson) {
        String payload = payloadJson == null ? "null" : CanonicalJson.canonicalize(payloadJson);
        return new AuditRecord(position, timestamp, CanonicalJson.topLevelString(payload, "actor"), payloadType,
                payload);
    }

    /**
     * The text that is hashed: {@code {"actor":…,"payload":…,"position":…,"time":…,"type":…}} as canonical JSON
     * (sorted member names, no whitespace; missing texts are {@code null}).
     */
    public String canonical() {
        Map<String, String> members = new TreeMap<>();
        members.put("position", Long.toString(position));
        members.put("time", CanonicalJson.quote(time));
        members.put("actor", CanonicalJson.quote(actor));
        members.put("type", CanonicalJson.quote(type));
        members.put("payload", payload);
        return CanonicalJson.object(members);
    }
}
