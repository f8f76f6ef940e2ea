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
 * @param filing   how the store files the event besides (chain format 2); null in a record of format 1, which
 *                 sealed the five fields above only
 */
public record AuditRecord(long position, String time, String actor, String type, String payload, Filing filing) {

    /** The format seals are made in now. */
    public static final int CURRENT_FORMAT = 2;

    public AuditRecord {
        if (payload == null) {
            throw new IllegalArgumentException("payload must be a JSON text (\"null\" for none)");
        }
    }

    /** A record of format 1. */
    public AuditRecord(long position, String time, String actor, String type, String payload) {
        this(position, time, actor, type, payload, null);
    }

    /** The record of format 1 of an event as the event store keeps it (see the next). */
    public static AuditRecord ofStored(long position, String timestamp, String payloadType, String payloadJson) {
        return ofStored(position, timestamp, payloadType, payloadJson, null);
    }

    /**
     * The record of an event as the event store keeps it.
     *
     * @param payloadJson the stored payload JSON text
     * @param filing      how it is filed, for a record of format 2; null for one of format 1
     * @throws IllegalArgumentException when the payload is not JSON
     */
    public static AuditRecord ofStored(long position, String timestamp, String payloadType, String payloadJson,
            Filing filing) {
        if (payloadJson == null) {
            return new AuditRecord(position, timestamp, null, payloadType, "null", filing);
        }
        CanonicalJson.Canonical payload = CanonicalJson.canonicalize(payloadJson, "actor");
        return new AuditRecord(position, timestamp, payload.member(), payloadType, payload.text(), filing);
    }

    /** 1 for a record of the five fields, 2 for one with its filing. */
    public int format() {
        return filing == null ? 1 : 2;
    }

    /**
     * The text that is hashed, as canonical JSON (sorted member names, no whitespace; missing texts are
     * {@code null}): in format 1 {@code {"actor":…,"payload":…,"position":…,"time":…,"type":…}}; in format 2 also
     * the filing and the format, {@code {"actor","aggregateId","aggregateType","committedAt","format":2,"payload",
     * "position","revision","sequence","tags","time","type"}}.
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
        if (filing != null) {
            to.accept(",\"aggregateId\":");
            to.accept(CanonicalJson.quote(filing.aggregateId()));
            to.accept(",\"aggregateType\":");
            to.accept(CanonicalJson.quote(filing.aggregateType()));
            to.accept(",\"committedAt\":");
            to.accept(CanonicalJson.quote(filing.committedAt()));
            to.accept(",\"format\":2");
        }
        to.accept(",\"payload\":");
        to.accept(payload);
        to.accept(",\"position\":" + position);
        if (filing != null) {
            to.accept(",\"revision\":");
            to.accept(CanonicalJson.quote(filing.revision()));
            to.accept(",\"sequence\":" + filing.sequence() + ",\"tags\":");
            to.accept(filing.tagsJson());
        }
        to.accept(",\"time\":");
        to.accept(CanonicalJson.quote(time));
        to.accept(",\"type\":");
        to.accept(CanonicalJson.quote(type));
        to.accept("}");
    }
}
