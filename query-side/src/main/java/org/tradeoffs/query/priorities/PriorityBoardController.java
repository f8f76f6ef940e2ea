package org.tradeoffs.query.priorities;

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
@ReadsFrom(PriorityBoardProjection.PROCESSING_GROUP)
@RequestMapping("/api/cycles/{cycleId}/priorities")
public class PriorityBoardController {

    private final AsOfReads reads;

    public PriorityBoardController(AsOfReads reads) {
        this.reads = reads;
    }

    @GetMapping
    public List<PriorityView> board(@PathVariable String cycleId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        return views.priorities().board(cycleId);
    }

    /** The ETag is the priority's version, what the command side expects back in {@code If-Match}. */
    @GetMapping("/{priorityId}")
    public ResponseEntity<PriorityView> priority(
            @PathVariable String cycleId, @PathVariable String priorityId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        PriorityView view = views.priorities().priority(priorityId)
                .filter(found -> found.cycleId().equals(cycleId))
                .orElseThrow(() -> new NotFoundException("No priority " + priorityId + " in cycle " + cycleId));
        return ETags.ok(view, view.version());
    }
}
