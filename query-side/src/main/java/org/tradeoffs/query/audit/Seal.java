package org.tradeoffs.query.audit;

import java.util.Optional;
import org.bson.Document;

/**
 * The n-th link of a district's chain: the event at {@code position} (stored in commit {@code commit}) sealed with
 * {@code hash = HashChain.link(previousHash, its record)}. Stored as
 * {@code {_id: "<districtId>:<n>", districtId, n, position, commit, previousHash, hash}}.
 */
record Seal(String districtId, long n, long position, long commit, String previousHash, String hash) {

    static String id(String districtId, long n) {
        return districtId + ":" + n;
    }

    Document toDocument() {
        return new Document("_id", id(districtId, n)).append("districtId", districtId).append("n", n)
                .append("position", position).append("commit", commit).append("previousHash", previousHash)
                .append("hash", hash);
    }

    /** The seal, or empty when the document lacks a field or has one of the wrong type (it was tampered with). */
    static Optional<Seal> read(Document document) {
        if (document.get("districtId") instanceof String districtId && document.get("n") instanceof Number n
                && document.get("position") instanceof Number position
                && document.get("commit") instanceof Number commit
                && document.get("previousHash") instanceof String previousHash
                && document.get("hash") instanceof String hash) {
            return Optional.of(new Seal(districtId, n.longValue(), position.longValue(), commit.longValue(),
                    previousHash, hash));
        }
        return Optional.empty();
    }

    static Seal of(Document document) {
        return read(document).orElseThrow(() -> new IllegalStateException("Seal " + document.get("_id")
                + " is not readable as a seal"));
    }
}
