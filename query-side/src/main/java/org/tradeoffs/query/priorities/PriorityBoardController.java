package org.tradeoffs.query.priorities;

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
@RequestMapping("/api/cycles/{cycleId}/priorities")
public class PriorityBoardController {

    private final Directory directory;
    private final PriorityBoardRepository board;

    public PriorityBoardController(Directory directory, PriorityBoardRepository board) {
        this.directory = directory;
        this.board = board;
    }

    @GetMapping
    public List<PriorityView> board(@PathVariable String cycleId, Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        return board.board(cycleId);
    }

    /** The ETag is the priority's version, what the command side expects back in {@code If-Match}. */
    @GetMapping("/{priorityId}")
    public ResponseEntity<PriorityView> priority(
            @PathVariable String cycleId, @PathVariable String priorityId, Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        PriorityView view = board.priority(priorityId)
                .filter(found -> found.cycleId().equals(cycleId))
                .orElseThrow(() -> new NotFoundException("No priority " + priorityId + " in cycle " + cycleId));
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }
}
