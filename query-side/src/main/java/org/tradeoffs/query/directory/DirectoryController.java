package org.tradeoffs.query.directory;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.asof.AsOfReads;
import org.tradeoffs.query.consistency.ReadsFrom;
import org.tradeoffs.query.security.Caller;

@RestController
@ReadsFrom(DirectoryProjection.PROCESSING_GROUP)
@RequestMapping("/api")
public class DirectoryController {

    private final AsOfReads reads;

    public DirectoryController(AsOfReads reads) {
        this.reads = reads;
    }

    @GetMapping("/districts")
    public List<DistrictSummary> districts(@RequestParam(required = false) String asOf, Authentication authentication) {
        return reads.of(asOf).directory().districtsOf(Caller.of(authentication));
    }

    @GetMapping("/districts/{districtId}")
    public DistrictView district(@PathVariable String districtId, @RequestParam(required = false) String asOf, Authentication authentication) {
        return reads.of(asOf).directory().district(districtId, Caller.of(authentication));
    }

    @GetMapping("/districts/{districtId}/cycles")
    public List<CycleView> cycles(@PathVariable String districtId, @RequestParam(required = false) String asOf, Authentication authentication) {
        return reads.of(asOf).directory().cyclesOf(districtId, Caller.of(authentication));
    }

    @GetMapping("/cycles/{cycleId}")
    public CycleView cycle(@PathVariable String cycleId, @RequestParam(required = false) String asOf, Authentication authentication) {
        return reads.of(asOf).directory().readableCycle(cycleId, Caller.of(authentication));
    }
}
