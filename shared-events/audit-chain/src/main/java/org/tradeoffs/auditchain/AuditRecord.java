package org.tradeoffs.auditchain;

import java.util.function.Consumer;

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
        if (payloadJson == null) {
            return new AuditRecord(position, timestamp, null, payloadType, "null");
        }
        CanonicalJson.Canonical payload = CanonicalJson.canonicalize(payloadJson, "actor");
        return new AuditRecord(position, timestamp, payload.member(), payloadType, payload.text());
    }

    /**
     * The text that is hashed: {@code {"actor":…,"payload":…,"position":…,"time":…,"type":…}} as canonical JSON
     * (sorted member names, no whitespace; missing texts are {@code null}).
     */
    public String canonical() {
        StringBuilder canonical = new StringBuilder(payload.length() + 200);
        canonicalParts(canonical::append);
        return canonical.toString();
    }

    /** The parts of {@link #canonical()}, in order, unjoined. */
    void canonicalParts(Consumer<String> to) {
        to.accept("{\"actor\":");
        to.accept(CanonicalJson.quote(actor));
        to.accept(",\"payload\":");
        to.accept(payload);
        to.accept(",\"position\":" + position + ",\"time\":");
        to.accept(CanonicalJson.quote(time));
        to.accept(",\"type\":");
        to.accept(CanonicalJson.quote(type));
        to.accept("}");
    }
}
