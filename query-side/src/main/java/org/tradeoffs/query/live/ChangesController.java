package org.tradeoffs.query.live;

import com.fasterxml.jackson.annotation.JsonRawValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.consistency.ReadsFrom;
import org.tradeoffs.query.consistency.TrackingProcessorsProgress;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.inputs.InputsProjection;
import org.tradeoffs.query.live.ChangeLog.Change;
import org.tradeoffs.query.live.CycleTopic.Kind;
import org.tradeoffs.query.priorities.PriorityBoardProjection;
import org.tradeoffs.query.problem.InvalidParameterException;
import org.tradeoffs.query.savings.SavingsProjection;
import org.tradeoffs.query.security.Caller;
import org.tradeoffs.query.timeline.TimelineProjection;
import org.tradeoffs.query.tradeoffs.TradeoffsProjection;

/**
 * The changes of a cycle after a position, exactly the frames its topics pushed, for clients that catch up over
 * HTTP instead of with the STOMP {@code since-position} header. Only changes that the processors of all the listed
 * topics have gone past are listed, so a page never misses one that is still being written.
 */
@RestController
@ReadsFrom({PriorityBoardProjection.PROCESSING_GROUP, TimelineProjection.PROCESSING_GROUP,
        SavingsProjection.PROCESSING_GROUP, InputsProjection.PROCESSING_GROUP, TradeoffsProjection.PROCESSING_GROUP})
public class ChangesController {

    private final Directory directory;
    private final ChangeLog changes;
    private final TrackingProcessorsProgress progress;

    /** The change log and progress are resolved on first use, so web slice tests of other controllers need not provide them. */
    public ChangesController(Directory directory, @Lazy ChangeLog changes, @Lazy TrackingProcessorsProgress progress) {
        this.directory = directory;
        this.changes = changes;
        this.progress = progress;
    }

    /** @param frame the pushed frame, verbatim */
    public record ChangeEntry(String topic, long position, @JsonRawValue String frame) {
    }

    /** @param next the {@code after} of the next page; equal to {@code after} when there was nothing */
    public record ChangesPage(String cycleId, long after, List<ChangeEntry> changes, boolean hasMore, long next) {
    }

    @GetMapping("/api/cycles/{cycleId}/changes")
    public ChangesPage changes(@PathVariable String cycleId,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(required = false) String topics,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit,
            Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        Set<Kind> kinds = kinds(topics);
        // enough to tell whether anything follows the page, even one that is a single position of every topic
        List<Change> found = changes.read(cycleId, kinds, after, reachedByAll(kinds), limit + kinds.size());
        List<Change> page = found.size() > limit ? wholePositions(found, limit) : found;
        boolean hasMore = page.size() < found.size();
        long next = page.isEmpty() ? after : page.get(page.size() - 1).position();
        return new ChangesPage(cycleId, after, page.stream()
                .map(change -> new ChangeEntry(change.kind().path(), change.position(), change.frame()))
                .toList(), hasMore, next);
    }

    /**
     * The last position every one of these topics' processors has gone past: a page ends there, so its {@code next}
     * never passes a change of a topic whose processor is behind the others'.
     */
    private long reachedByAll(Set<Kind> kinds) {
        return progress.reachedByAll(kinds.stream().map(ChangeFeed::processorOf).toList());
    }

    /**
     * The first {@code limit} changes, less those of the position the limit cuts through: the next page starts after
     * the last position of this one. When the first position alone has more changes than the limit (one event changes
     * up to five topics), the page is that whole position.
     */
    private static List<Change> wholePositions(List<Change> found, int limit) {
        long cut = found.get(limit).position();
        List<Change> whole = new ArrayList<>(found.subList(0, limit));
        whole.removeIf(change -> change.position() == cut);
        return whole.isEmpty() ? found.stream().takeWhile(change -> change.position() == cut).toList() : whole;
    }

    private static Set<Kind> kinds(String topics) {
        if (topics == null) {
            return EnumSet.allOf(Kind.class); // an empty list, topics=, names no topic: refused below
        }
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String topic : topics.split(",", -1)) {
            kinds.add(Kind.byPath(topic.trim()).orElseThrow(() -> new InvalidParameterException("topics",
                    "topics must be a comma-separated list of priorities, timeline, savings, tradeoffs, inputs; not '"
                            + topic.trim() + "'")));
        }
        return kinds;
    }
}
