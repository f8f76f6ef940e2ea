package org.tradeoffs.query.inputs;

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
@ReadsFrom(InputsProjection.PROCESSING_GROUP)
@RequestMapping("/api/cycles/{cycleId}/stakeholder-inputs")
public class InputsController {

    private final AsOfReads reads;

    public InputsController(AsOfReads reads) {
        this.reads = reads;
    }

    @GetMapping
    public List<InputView> inputs(@PathVariable String cycleId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        return views.inputs().inputs(cycleId);
    }

    /** The ETag is the input's version, what the command side takes in {@code If-Match}. */
    @GetMapping("/{inputId}")
    public ResponseEntity<InputView> input(@PathVariable String cycleId, @PathVariable String inputId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        InputView view = views.inputs().input(inputId)
                .filter(found -> found.cycleId().equals(cycleId))
                .orElseThrow(() -> new NotFoundException("No stakeholder input " + inputId + " in cycle " + cycleId));
        return ETags.ok(view, view.version());
    }

    /** A known cycle whose inputs are not projected yet has an empty digest (every count zero). */
    @GetMapping("/digest")
    public InputDigest digest(@PathVariable String cycleId,
            @RequestParam(required = false) String asOf, Authentication authentication) {
        ReadModels views = reads.cycle(cycleId, asOf, authentication);
        return views.inputs().digest(cycleId).orElseGet(() -> InputDigest.empty(cycleId));
    }
}
