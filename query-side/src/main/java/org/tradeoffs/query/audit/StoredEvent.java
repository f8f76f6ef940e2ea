package org.tradeoffs.query.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.tradeoffs.auditchain.AuditRecord;
import org.tradeoffs.auditchain.CanonicalJson;
import org.tradeoffs.auditchain.Filing;

/**
 * One event exactly as the event store keeps it inside a commit document.
 *
 * @param commit  the {@code _id} of its commit document (the commit's last position)
 * @param payload the stored payload JSON text
 * @param filing  how the store files it besides (its revision, aggregate, sequence, tags and commit time)
 */
record StoredEvent(long commit, long position, String timestamp, String payloadType, String payload, Filing filing) {

    /**
     * The event at {@code position} in a commit document; empty when no entry, or more than one, claims that
     * position (a duplicate is as unusable as a missing event: which one is the real one?).
     */
    static Optional<StoredEvent> in(Document commit, long position) {
        List<?> entries = commit.get("events") instanceof List<?> list ? list : List.of();
        Document found = null;
        for (Object element : entries) {
            if (element instanceof Document entry && entry.get("position") instanceof Number number
                    && number.longValue() == position) {
                if (found != null) {
                    return Optional.empty();
                }
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(entry -> new StoredEvent(((Number) commit.get("_id")).longValue(),
                position, text(entry, "timestamp"), text(entry, "payloadType"), text(entry, "payload"),
                filing(entry, text(commit, "committedAt"))));
    }

    private static Filing filing(Document entry, String committedAt) {
        List<String> tags = new ArrayList<>();
        if (entry.get("tags") instanceof List<?> stored) {
            // a tag stored as anything but a text (a number, a BSON symbol) is not what was sealed: it shows so
            stored.forEach(tag -> tags.add(tag instanceof String text ? text
                    : "(" + (tag == null ? "null" : tag.getClass().getSimpleName()) + ") " + tag));
        }
        // the store writes every sequence number as a 64-bit integer: another type is not what was sealed
        long sequence = entry.get("sequenceNumber") instanceof Long number ? number : -1;
        return new Filing(text(entry, "payloadRevision"), text(entry, "aggregateType"),
                text(entry, "aggregateIdentifier"), sequence, tags, committedAt);
    }

    private static String text(Document document, String field) {
        return document.get(field) instanceof String text ? text : null;
    }

    /** The payload's {@code districtId}: whose chain the event belongs to; null for an event of no district. */
    String districtId() {
        return payload == null ? null : CanonicalJson.topLevelString(payload, "districtId");
    }

    /**
     * What the chain seals of it in the format of {@link AuditRecord#CURRENT_FORMAT}.
     *
     * @throws IllegalArgumentException when the stored payload is not JSON
     */
    AuditRecord record() {
        return record(AuditRecord.CURRENT_FORMAT);
    }

    /**
     * What a seal of that format sealed of it: in format 1 the five fields, in format 2 its filing too.
     *
     * @throws IllegalArgumentException when the stored payload is not JSON
     */
    AuditRecord record(int format) {
        return AuditRecord.ofStored(position, timestamp, payloadType, payload, format >= 2 ? filing : null);
    }

    /** The record of an event that is no longer where it was sealed: only its position is known. */
    static AuditRecord missing(long position) {
        return new AuditRecord(position, null, null, null, "null");
    }
}
