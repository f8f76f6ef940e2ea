package org.tradeoffs.query.consistency;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;
import org.tradeoffs.query.live.ProcessorTokens;

/**
 * The progress of every streaming (tracking) processor of the query side. Every processor reads the
 * whole store, so "all of them have processed position P" is well defined whatever P's event is: a
 * processor with no handler for it still moves its token past it. An idle processor's token sits on
 * the last event it saw, the head, so any position up to the head counts as reached.
 *
 * <p>A segment's status is advanced only after its batch's unit of work, with the projection's
 * writes, has completed, so a reached position is visible in the views. A processor whose segment is not claimed
 * here (another query-side instance runs it, or it is starting) is followed through the token it stored in the
 * shared token store, which is likewise written after its batch's writes.
 */
@Component
public class TrackingProcessorsProgress implements ProjectionProgress {

    private final EventProcessingConfiguration processing;
    private final ProcessorTokens stored;

    public TrackingProcessorsProgress(EventProcessingConfiguration processing, ProcessorTokens stored) {
        this.processing = processing;
        this.stored = stored;
    }

    @Override
    public boolean hasProcessed(long position) {
        if (position <= 0) {
            return true;
        }
        List<String> names = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(EventProcessor::getName)
                .toList();
        return !names.isEmpty() && hasProcessed(names, position);
    }

    /**
     * Whether each of the named streaming processors has processed the position; a name with no streaming
     * processor here has not. For reads that rely on particular processors only (decision provenance waits for
     * its index and the audit chain). The shared token store is read at most once per call.
     */
    public boolean hasProcessed(Collection<String> processorNames, long position) {
        Map<String, GapAwareTrackingToken> tokens = null;
        for (String name : processorNames) {
            Optional<StreamingEventProcessor> processor = processing.eventProcessor(name, StreamingEventProcessor.class);
            if (processor.isEmpty()) {
                return false;
            }
            Map<Integer, EventTrackerStatus> segments = processor.get().processingStatus();
            if (segments.isEmpty()) {
                tokens = tokens == null ? stored.tokens() : tokens;
                if (!covers(tokens.get(name), position)) {
                    return false;
                }
            } else if (!hasProcessed(segments, position)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The last position up to which every named streaming processor has processed every event (below its first gap),
     * from the status of a processor claimed here, else from the token it stored; 0 for one with neither.
     */
    public long reachedByAll(Collection<String> processorNames) {
        Map<String, GapAwareTrackingToken> tokens = null;
        long reached = Long.MAX_VALUE;
        for (String name : processorNames) {
            Map<Integer, EventTrackerStatus> segments = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
            if (segments.isEmpty()) {
                tokens = tokens == null ? stored.tokens() : tokens;
                reached = Math.min(reached, contiguous(tokens.get(name)));
            }
            for (EventTrackerStatus segment : segments.values()) {
                reached = Math.min(reached, contiguous(segment.getTrackingToken()));
            }
        }
        return reached == Long.MAX_VALUE ? 0 : reached;
    }

    private static long contiguous(TrackingToken token) {
        TrackingToken processed = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (processed instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().isEmpty() ? gapAware.getIndex() : gapAware.getGaps().first() - 1;
        }
        return processed == null ? 0 : processed.position().orElse(0);
    }

    /** The progress of a processor with a segment claimed here. */
    static boolean hasProcessed(Map<Integer, EventTrackerStatus> segments, long position) {
        if (segments.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : segments.values()) {
            if (segment.isErrorState() || !covers(segment.getTrackingToken(), position)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The token is at or past the position and the position is not one of its gaps (a commit that
     * was not visible when the reader went past). A replay counts with the position it has replayed to.
     */
    static boolean covers(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken processed = WrappedToken.unwrapLowerBound(token);
        if (processed == null) {
            return false;
        }
        if (processed instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return processed.position().orElse(-1) >= position;
    }
}
