package org.tradeoffs.query.tradeoffs;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.problem.NotFoundException;
import org.tradeoffs.query.security.Caller;

@RestController
@RequestMapping("/api/cycles/{cycleId}")
public class TradeoffsController {

    private final Directory directory;
    private final TradeoffsRepository tradeoffs;

    public TradeoffsController(Directory directory, TradeoffsRepository tradeoffs) {
        this.directory = directory;
        this.tradeoffs = tradeoffs;
    }

    /** Every package of the cycle, in the order they were drafted. */
    @GetMapping("/tradeoffs")
    public List<TradeoffView> tradeoffs(@PathVariable String cycleId, Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        return tradeoffs.tradeoffs(cycleId);
    }

    /** The ETag is the package's version, what the command side expects back in {@code If-Match}. */
    @GetMapping("/tradeoffs/{tradeoffId}")
    public ResponseEntity<TradeoffView> tradeoff(
            @PathVariable String cycleId, @PathVariable String tradeoffId, Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        TradeoffView view = tradeoffs.tradeoff(tradeoffId)
                .filter(found -> found.cycleId().equals(cycleId))
                .orElseThrow(() -> new NotFoundException("No tradeoff package " + tradeoffId + " in cycle " + cycleId));
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /** The decision history: packages that left DRAFT, by the position of their last event, newest first. */
    @GetMapping("/decisions")
    public List<TradeoffView> decisions(@PathVariable String cycleId, Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        return tradeoffs.decisions(cycleId);
    }

    /** A known cycle with nothing projected yet has an empty balance (every amount zero). */
    @GetMapping("/balance")
    public Balance balance(@PathVariable String cycleId, Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        return tradeoffs.balance(cycleId).orElseGet(() -> Balance.empty(cycleId));
    }
}
