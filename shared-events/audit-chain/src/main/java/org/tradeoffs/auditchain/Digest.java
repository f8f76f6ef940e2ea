package org.tradeoffs.auditchain;

/**
 * What an auditor keeps to check later that the log was only extended: the chain's hash at a position.
 * Written {@code POSITION:HASH}. Position 0 with {@link HashChain#GENESIS} is the empty chain, which every log
 * extends.
 */
public record Digest(long position, String hash) {

    public Digest {
        if (position < 0 || !HashChain.isHash(hash)) {
            throw new IllegalArgumentException("a digest is POSITION:HASH, a position >= 0 and 64 lower-case hex digits");
        }
    }

    /** Reads {@code POSITION:HASH}. */
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("a digest is POSITION:HASH, e.g. 42:" + HashChain.GENESIS);
        }
        try {
            return new Digest(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a digest is POSITION:HASH; '" + text.substring(0, colon)
                    + "' is no position");
        }
    }

    @Override
    public String toString() {
        return position + ":" + hash;
    }
}
