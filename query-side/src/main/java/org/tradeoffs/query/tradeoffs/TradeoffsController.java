package org.tradeoffs.query.tradeoffs;

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
@ReadsFrom(TradeoffsProjection.PROCESSING_GROUP)
@RequestMapping("/api/cycles/{cycleId}")
public class TradeoffsController {

    private final AsOfReads reads;

    public TradeoffsController(AsOfReads reads) {
        this.reads = reads;
    }

    /** Every package of the cycle, in the order they were drafted. */
    @GetMapping("/tradeoffs")
    public List<TradeoffView> tradeoffs(@PathVariable String cycleId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        return views.tradeoffs().tradeoffs(cycleId);
    }

    /** The ETag is the package's version, what the command side expects back in {@code If-Match}. */
    @GetMapping("/tradeoffs/{tradeoffId}")
    public ResponseEntity<TradeoffView> tradeoff(
            @PathVariable String cycleId, @PathVariable String tradeoffId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        TradeoffView view = views.tradeoffs().tradeoff(tradeoffId)
                .filter(found -> found.cycleId().equals(cycleId))
                .orElseThrow(() -> new NotFoundException("No tradeoff package " + tradeoffId + " in cycle " + cycleId));
        return ETags.ok(view, view.version());
    }

    /** The decision history: packages that left DRAFT, by the position of their last event, newest first. */
    @GetMapping("/decisions")
    public List<TradeoffView> decisions(@PathVariable String cycleId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        return views.tradeoffs().decisions(cycleId);
    }

    /** A known cycle with nothing projected yet has an empty balance (every amount zero). */
    @GetMapping("/balance")
    public Balance balance(@PathVariable String cycleId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        return views.tradeoffs().balance(cycleId).orElseGet(() -> Balance.empty(cycleId));
    }
}
