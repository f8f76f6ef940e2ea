package org.tradeoffs.auditchain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of a district: each event's hash covers the hash before it and the event's canonical form,
 * so changing, removing, adding or reordering any event changes every hash after it.
 * <pre>
 * hash(n) = lower-case hex of SHA-256( UTF-8( hash(n-1) + "\n" + canonical(event n) ) ),  hash(0) = 64 zeros
 * </pre>
 */
public final class HashChain {

    /** The hash before the first event of every chain. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    /** One SHA-256 digest per thread, reset by each use: getting a new one costs more than the hash of a link. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });
    private static final byte[] NEWLINE = {'\n'};

    /**
     * The hash of {@code record} following {@code previousHash}: the text is hashed part by part, as the parts of
     * {@link AuditRecord#canonical()} come, without joining them first (the UTF-8 of joined texts is the UTF-8 of
     * each, one after the other).
     */
    public static String link(String previousHash, AuditRecord record) {
        MessageDigest digest = SHA_256.get();
        digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
        digest.update(NEWLINE);
        record.canonicalParts(part -> digest.update(part.getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether {@code hash} looks like a hash of this chain: 64 lower-case hex digits. */
    public static boolean isHash(String hash) {
        return hash != null && hash.matches("[0-9a-f]{64}");
    }
}
