package org.tradeoffs.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;

/**
 * A token store that does not extend a claim it wrote moments ago. Axon's tracking processor extends its claim at the
 * start of every batch and stores its token, which renews the claim too, at the end of it: two writes per batch where
 * one would do. A claim stays this node's for the claim timeout after the last write that renewed it; within
 * {@code fresh} of such a write (a fraction of the timeout) an extension changes nothing another node could act on,
 * so it is skipped. Every token stored still goes to the store, which still refuses it if the claim is lost, and an
 * extension after a quiet spell longer than {@code fresh} is made as before.
 */
final class ClaimKeepingTokenStore implements TokenStore {

    private record Claim(String processorName, int segment) {
    }

    private final TokenStore store;
    private final long freshNanos;
    private final LongSupplier nanoTime;
    /** When this node last renewed each claim it holds (System.nanoTime, taken before the write). */
    private final Map<Claim, Long> renewed = new ConcurrentHashMap<>();

    ClaimKeepingTokenStore(TokenStore store, Duration fresh, LongSupplier nanoTime) {
        this.store = store;
        this.freshNanos = fresh.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        Claim claim = new Claim(processorName, segment);
        Long last = renewed.get(claim);
        if (last == null || nanoTime.getAsLong() - last >= freshNanos) {
            renewing(claim, () -> {
                store.extendClaim(processorName, segment);
                return null;
            });
        }
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        renewing(new Claim(processorName, segment), () -> {
            store.storeToken(token, processorName, segment);
            return null;
        });
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return renewing(new Claim(processorName, segment), () -> store.fetchToken(processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return renewing(new Claim(processorName, segment.getSegmentId()),
                () -> store.fetchToken(processorName, segment));
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        renewed.remove(new Claim(processorName, segment));
        store.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        renewed.remove(new Claim(processorName, segment));
        store.deleteToken(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        store.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }

    /** Makes a write that renews the claim: remembers when it started, or forgets the claim if it failed. */
    private <T> T renewing(Claim claim, Supplier<T> write) {
        long now = nanoTime.getAsLong();
        try {
            T result = write.get();
            renewed.put(claim, now);
            return result;
        } catch (RuntimeException e) {
            renewed.remove(claim);
            throw e;
        }
    }
}
