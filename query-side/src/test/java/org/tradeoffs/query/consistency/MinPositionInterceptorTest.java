package org.tradeoffs.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.problem.NotReadyException;

/**
 * A read with {@code minPosition} waits for the processors its controller reads from and the directory's, or for
 * every processor when its controller names none (no waiting here: the wait is zero, so a position not reached is
 * not-ready at once).
 */
class MinPositionInterceptorTest {

    @ReadsFrom("priority-board")
    static class BoardController {
        public String board() {
            return "";
        }
    }

    static class UnnamedController {
        public String anything() {
            return "";
        }
    }

    /** How far each processor has come. */
    private final Map<String, Long> reached = new HashMap<>(Map.of(
            "directory", 10L, "priority-board", 10L, "timeline", 10L, "audit-chain", 3L));

    private final MinPositionInterceptor interceptor = new MinPositionInterceptor(
            ReadConsistency.of(position -> reached.values().stream().allMatch(at -> at >= position), Duration.ZERO,
                    Duration.ofMillis(1)),
            this::progressOf, mock(Directory.class));

    private ProjectionProgress progressOf(Set<String> processors) {
        return position -> processors.stream().allMatch(name -> reached.getOrDefault(name, 0L) >= position);
    }

    @Test
    void aReadWaitsOnlyForTheProcessorsItsControllerReadsFrom() {
        assertThat(read(new BoardController(), "board", 10)).isTrue();
    }

    @Test
    void theDirectoryIsWaitedForToo() {
        reached.put("directory", 9L);

        assertThatThrownBy(() -> read(new BoardController(), "board", 10)).isInstanceOf(NotReadyException.class);
    }

    @Test
    void aProcessorTheControllerReadsFromThatIsBehindMakesItNotReady() {
        reached.put("priority-board", 9L);

        assertThatThrownBy(() -> read(new BoardController(), "board", 10)).isInstanceOf(NotReadyException.class);
    }

    @Test
    void aControllerThatNamesNoProcessorsWaitsForEveryOne() {
        assertThat(read(new UnnamedController(), "anything", 3)).isTrue();
        assertThatThrownBy(() -> read(new UnnamedController(), "anything", 4)).isInstanceOf(NotReadyException.class);
    }

    private boolean read(Object controller, String method, long minPosition) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/anything");
        request.setParameter(MinPositionInterceptor.PARAMETER, Long.toString(minPosition));
        try {
            return interceptor.preHandle(request, new MockHttpServletResponse(),
                    new HandlerMethod(controller, controller.getClass().getMethod(method)));
        } catch (NoSuchMethodException missing) {
            throw new AssertionError(missing);
        }
    }
}
