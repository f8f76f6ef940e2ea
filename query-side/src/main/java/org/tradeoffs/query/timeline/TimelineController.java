package org.tradeoffs.query.timeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.security.Caller;

@RestController
public class TimelineController {

    private final Directory directory;
    private final TimelineRepository timeline;

    public TimelineController(Directory directory, TimelineRepository timeline) {
        this.directory = directory;
        this.timeline = timeline;
    }

    @GetMapping("/api/cycles/{cycleId}/timeline")
    public TimelinePage timeline(
            @PathVariable String cycleId,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
            Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        return timeline.page(cycleId, after, limit);
    }
}
