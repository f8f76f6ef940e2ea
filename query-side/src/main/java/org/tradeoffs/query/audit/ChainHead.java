package org.tradeoffs.query.audit;

import org.bson.Document;
import org.tradeoffs.auditchain.HashChain;

/**
 * The last link of a district's chain: {@code n} events sealed, the last at {@code position} with {@code hash}.
 * Stored as {@code {_id: districtId, n, position, hash}}; before the first seal it is position 0 with the genesis
 * hash.
 */
record ChainHead(String districtId, long n, long position, String hash) {

    static ChainHead empty(String districtId) {
        return new ChainHead(districtId, 0, 0, HashChain.GENESIS);
    }

    static ChainHead of(Seal seal) {
        return new ChainHead(seal.districtId(), seal.n(), seal.position(), seal.hash());
    }

    Document toDocument() {
        return new Document("_id", districtId).append("n", n).append("position", position).append("hash", hash);
    }

    static ChainHead of(Document document) {
        return new ChainHead(document.getString("_id"), document.get("n", Number.class).longValue(),
                document.get("position", Number.class).longValue(), document.getString("hash"));
    }
}
