package org.tradeoffs.query.timeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.asof.AsOfReads;
import org.tradeoffs.query.consistency.ReadsFrom;
import org.tradeoffs.query.readmodel.ReadModels;

@RestController
@ReadsFrom(TimelineProjection.PROCESSING_GROUP)
public class TimelineController {

    private final AsOfReads reads;

    public TimelineController(AsOfReads reads) {
        this.reads = reads;
    }

    @GetMapping("/api/cycles/{cycleId}/timeline")
    public TimelinePage timeline(
            @PathVariable String cycleId,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        return views.timeline().page(cycleId, after, limit);
    }
}
