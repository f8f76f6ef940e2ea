package org.tradeoffs.query.consistency;

import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * The progress of every streaming (tracking) processor of the query side. Every processor reads the
 * whole store, so "all of them have processed position P" is well defined whatever P's event is: a
 * processor with no handler for it still moves its token past it. An idle processor's token sits on
 * the last event it saw, the head, so any position up to the head counts as reached.
 *
 * <p>A segment's status is advanced only after its batch's unit of work, with the projection's
 * writes, has completed, so a reached position is visible in the views.
 */
@Component
public class TrackingProcessorsProgress implements ProjectionProgress {

    private final EventProcessingConfiguration processing;

    public TrackingProcessorsProgress(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public boolean hasProcessed(long position) {
        if (position <= 0) {
            return true;
        }
        boolean any = false;
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                any = true;
                if (!hasProcessed(streaming.processingStatus(), position)) {
                    return false;
                }
            }
        }
        return any;
    }

    /**
     * A processor without a claimed segment here (starting, stopped, or owned by another instance)
     * has not processed anything as far as this instance can tell.
     */
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
