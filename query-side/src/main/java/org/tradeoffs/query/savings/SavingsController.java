package org.tradeoffs.query.savings;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.asof.AsOfReads;
import org.tradeoffs.query.consistency.ReadsFrom;
import org.tradeoffs.query.problem.NotFoundException;
import org.tradeoffs.query.readmodel.ETags;
import org.tradeoffs.query.readmodel.ReadModels;

@RestController
@ReadsFrom(SavingsProjection.PROCESSING_GROUP)
@RequestMapping("/api/cycles/{cycleId}")
public class SavingsController {

    private final AsOfReads reads;

    public SavingsController(AsOfReads reads) {
        this.reads = reads;
    }

    @GetMapping("/opportunities")
    public List<OpportunitySummary> opportunities(@PathVariable String cycleId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        return views.savings().opportunities(cycleId);
    }

    /** The ETag is the opportunity's version, what the command side expects back in {@code If-Match}. */
    @GetMapping("/opportunities/{opportunityId}")
    public ResponseEntity<OpportunityDetail> opportunity(
            @PathVariable String cycleId, @PathVariable String opportunityId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        OpportunityDetail view = views.savings().opportunity(opportunityId)
                .filter(found -> found.cycleId().equals(cycleId))
                .orElseThrow(() -> new NotFoundException("No opportunity " + opportunityId + " in cycle " + cycleId));
        return ETags.ok(view, view.version());
    }

    /** A known cycle whose opportunities are not projected yet has an empty pipeline (all counts zero). */
    @GetMapping("/savings-pipeline")
    public SavingsPipeline pipeline(@PathVariable String cycleId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        return views.savings().pipeline(cycleId).orElseGet(() -> SavingsPipeline.empty(cycleId));
    }
}
