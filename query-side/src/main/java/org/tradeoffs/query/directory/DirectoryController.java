package org.tradeoffs.query.directory;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.security.Caller;

@RestController
@RequestMapping("/api")
public class DirectoryController {

    private final Directory directory;

    public DirectoryController(Directory directory) {
        this.directory = directory;
    }

    @GetMapping("/districts")
    public List<DistrictSummary> districts(Authentication authentication) {
        return directory.districtsOf(Caller.of(authentication));
    }

    @GetMapping("/districts/{districtId}")
    public DistrictView district(@PathVariable String districtId, Authentication authentication) {
        return directory.district(districtId, Caller.of(authentication));
    }

    @GetMapping("/districts/{districtId}/cycles")
    public List<CycleView> cycles(@PathVariable String districtId, Authentication authentication) {
        return directory.cyclesOf(districtId, Caller.of(authentication));
    }

    @GetMapping("/cycles/{cycleId}")
    public CycleView cycle(@PathVariable String cycleId, Authentication authentication) {
        return directory.readableCycle(cycleId, Caller.of(authentication));
    }
}
