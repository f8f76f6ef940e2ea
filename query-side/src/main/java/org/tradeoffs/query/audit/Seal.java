package org.tradeoffs.query.audit;

import java.util.Optional;
import org.bson.Document;
import org.tradeoffs.auditchain.AuditRecord;

/**
 * The n-th link of a district's chain: the event at {@code position} (stored in commit {@code commit}) sealed with
 * {@code hash = HashChain.link(previousHash, its record)}, its record in the chain format {@code format} (see
 * {@link AuditRecord#format}). Stored as
 * {@code {_id: "<districtId>:<n>", districtId, n, position, commit, previousHash, hash, format}}; a seal without
 * {@code format} was made in format 1.
 */
record Seal(String districtId, long n, long position, long commit, String previousHash, String hash, int format) {

    static String id(String districtId, long n) {
        return districtId + ":" + n;
    }

    Document toDocument() {
        return new Document("_id", id(districtId, n)).append("districtId", districtId).append("n", n)
                .append("position", position).append("commit", commit).append("previousHash", previousHash)
                .append("hash", hash).append("format", format);
    }

    /** The seal, or empty when the document lacks a field or has one of the wrong type (it was tampered with). */
    static Optional<Seal> read(Document document) {
        Object format = document.getOrDefault("format", 1);
        if (document.get("districtId") instanceof String districtId && document.get("n") instanceof Number n
                && document.get("position") instanceof Number position
                && document.get("commit") instanceof Number commit
                && document.get("previousHash") instanceof String previousHash
                && document.get("hash") instanceof String hash
                && format instanceof Integer known && (known == 1 || known == 2)) {
            return Optional.of(new Seal(districtId, n.longValue(), position.longValue(), commit.longValue(),
                    previousHash, hash, known));
        }
        return Optional.empty();
    }

    static Seal of(Document document) {
        return read(document).orElseThrow(() -> new IllegalStateException("Seal " + document.get("_id")
                + " is not readable as a seal"));
    }
}
