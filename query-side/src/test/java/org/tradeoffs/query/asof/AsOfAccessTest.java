package org.tradeoffs.query.asof;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.tradeoffs.query.consistency.ProjectionProgress;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.problem.ForbiddenException;

/**
 * Who may read a cycle is asked before its past is rebuilt: a caller who may not read it today gets 403 at once, and
 * no replay runs for them (replays run one at a time: a stranger's would hold up the readers of the cycle).
 */
class AsOfAccessTest {

    @Test
    @SuppressWarnings("unchecked")
    void aCallerWhoMayNotReadTheCycleStartsNoReplay() {
        Directory directory = mock(Directory.class);
        AsOf asOf = mock(AsOf.class);
        when(asOf.headPosition()).thenReturn(100L);
        when(directory.readableCycle(eq("cycle-1"), any())).thenThrow(new ForbiddenException("not a member"));
        ObjectProvider<ProjectionProgress> noProcessors = mock(ObjectProvider.class);
        AsOfReads reads = new AsOfReads(null, directory, asOf, noProcessors, Duration.ofSeconds(2),
                Duration.ofMillis(10));

        assertThatThrownBy(() -> reads.cycle("cycle-1", "42", new TestingAuthenticationToken("outsider", "demo")))
                .isInstanceOf(ForbiddenException.class);

        verify(asOf, never()).at(anyLong(), any());
    }
}
