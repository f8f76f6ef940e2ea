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

    /** The hash of {@code record} following {@code previousHash}. */
    public static String link(String previousHash, AuditRecord record) {
        return sha256(previousHash + "\n" + record.canonical());
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code hash} looks like a hash of this chain: 64 lower-case hex digits. */
    public static boolean isHash(String hash) {
        return hash != null && hash.matches("[0-9a-f]{64}");
    }
}
