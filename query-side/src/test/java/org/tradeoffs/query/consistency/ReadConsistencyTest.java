package org.tradeoffs.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.tradeoffs.query.problem.InvalidParameterException;

/** The bounded wait for a position, on a fake clock whose pauses are the only way time passes. */
class ReadConsistencyTest {

    /** A fake clock and a fake progress that moves {@code step} positions per pause. */
    private static final class World implements ProjectionProgress {
        long now;
        long processed;
        long step;
        final List<Long> pauses = new ArrayList<>();
        int looks;

        @Override
        public boolean hasProcessed(long position) {
            looks++;
            return processed >= position;
        }

        ReadConsistency consistency(Duration maxWait, Duration pollInterval) {
            return new ReadConsistency(this, maxWait, pollInterval, () -> now, nanos -> {
                pauses.add(nanos);
                now += nanos;
                processed += step;
            });
        }
    }

    @Test
    void positionAlreadyProcessedAnswersAtOnceWithoutPausing() {
        World world = new World();
        world.processed = 42;

        assertThat(world.consistency(Duration.ofSeconds(2), Duration.ofMillis(10)).awaitProcessed(42)).isTrue();
        assertThat(world.pauses).isEmpty();
        assertThat(world.looks).isEqualTo(1);
    }

    @Test
    void positionReachedWhileWaitingAnswersAsSoonAsItIsSeenWithShortFirstPauses() {
        World world = new World();
        world.processed = 40;
        world.step = 1;

        assertThat(world.consistency(Duration.ofSeconds(2), Duration.ofMillis(10)).awaitProcessed(43)).isTrue();
        assertThat(world.pauses).containsExactly(
                Duration.ofMillis(1).toNanos(), Duration.ofMillis(2).toNanos(), Duration.ofMillis(4).toNanos());
    }

    @Test
    void positionNeverReachedGivesUpAfterTheMaximumWaitPollingAtMostEveryInterval() {
        World world = new World();
        world.processed = 7;

        assertThat(world.consistency(Duration.ofSeconds(2), Duration.ofMillis(10)).awaitProcessed(1_000_000_000L))
                .isFalse();
        assertThat(world.now).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(world.pauses).allMatch(nanos -> nanos <= Duration.ofMillis(10).toNanos());
        // 1 + 2 + 4 + 8 ms, then every 10 ms: about 200 looks in two seconds, not a spin
        assertThat(world.looks).isBetween(190, 210);
    }

    @Test
    void noMaximumWaitMeansOneLookOnly() {
        World world = new World();

        assertThat(world.consistency(Duration.ZERO, Duration.ofMillis(10)).awaitProcessed(5)).isFalse();
        assertThat(world.looks).isEqualTo(1);
    }

    @Test
    void interruptedWaitIsNotReadyAndKeepsTheInterruptFlag() {
        ReadConsistency consistency = new ReadConsistency(position -> false, Duration.ofSeconds(2),
                Duration.ofMillis(10), () -> 0L, nanos -> {
                    throw new InterruptedException();
                });
        try {
            assertThat(consistency.awaitProcessed(5)).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void processorCoversAPositionAtOrBelowItsTokenUnlessItIsAGap() {
        TrackingToken token = GapAwareTrackingToken.newInstance(10, Set.of(7L));

        assertThat(TrackingProcessorsProgress.covers(token, 10)).isTrue();
        assertThat(TrackingProcessorsProgress.covers(token, 3)).isTrue();
        assertThat(TrackingProcessorsProgress.covers(token, 7)).isFalse();
        assertThat(TrackingProcessorsProgress.covers(token, 11)).isFalse();
        assertThat(TrackingProcessorsProgress.covers(null, 1)).isFalse();
    }

    @Test
    void replayingProcessorCoversOnlyWhatItHasReplayedSoFar() {
        TrackingToken replay = ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(100, Set.of()), GapAwareTrackingToken.newInstance(20, Set.of()));

        assertThat(TrackingProcessorsProgress.covers(replay, 20)).isTrue();
        assertThat(TrackingProcessorsProgress.covers(replay, 50)).isFalse();
    }

    @Test
    void processorWithoutAClaimedSegmentOrInErrorHasNotProcessedAnything() {
        assertThat(TrackingProcessorsProgress.hasProcessed(Map.of(), 1)).isFalse();
        assertThat(TrackingProcessorsProgress.hasProcessed(
                Map.of(0, status(GapAwareTrackingToken.newInstance(5, Set.of()), true)), 1)).isFalse();
        assertThat(TrackingProcessorsProgress.hasProcessed(
                Map.of(0, status(GapAwareTrackingToken.newInstance(5, Set.of()), false)), 5)).isTrue();
    }

    @Test
    void minPositionMustBeAWholeNumberOfAtLeastZero() {
        assertThat(MinPositionInterceptor.parse("0")).isZero();
        assertThat(MinPositionInterceptor.parse("9007199254740993")).isEqualTo(9007199254740993L);
        assertThatThrownBy(() -> MinPositionInterceptor.parse("-1")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("must be greater than or equal to 0");
        assertThatThrownBy(() -> MinPositionInterceptor.parse("soon")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("must be a whole number");
        assertThatThrownBy(() -> MinPositionInterceptor.parse("")).isInstanceOf(InvalidParameterException.class);
    }

    private static EventTrackerStatus status(TrackingToken token, boolean error) {
        return new EventTrackerStatus() {
            @Override
            public Segment getSegment() {
                return Segment.ROOT_SEGMENT;
            }

            @Override
            public boolean isCaughtUp() {
                return true;
            }

            @Override
            public boolean isReplaying() {
                return false;
            }

            @Override
            public boolean isMerging() {
                return false;
            }

            @Override
            public java.util.OptionalLong mergeCompletedPosition() {
                return java.util.OptionalLong.empty();
            }

            @Override
            public TrackingToken getTrackingToken() {
                return token;
            }

            @Override
            public boolean isErrorState() {
                return error;
            }

            @Override
            public Throwable getError() {
                return error ? new IllegalStateException("projection failed") : null;
            }

            @Override
            public java.util.OptionalLong getCurrentPosition() {
                return token.position();
            }

            @Override
            public java.util.OptionalLong getResetPosition() {
                return java.util.OptionalLong.empty();
            }
        };
    }
}
