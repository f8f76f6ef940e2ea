package org.tradeoffs.query.inputs;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.security.Caller;

@RestController
@RequestMapping("/api/cycles/{cycleId}/stakeholder-inputs")
public class InputsController {

    private final Directory directory;
    private final InputsRepository inputs;

    public InputsController(Directory directory, InputsRepository inputs) {
        this.directory = directory;
        this.inputs = inputs;
    }

    @GetMapping
    public List<InputView> inputs(@PathVariable String cycleId, Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        return inputs.inputs(cycleId);
    }

    /** A known cycle whose inputs are not projected yet has an empty digest (every count zero). */
    @GetMapping("/digest")
    public InputDigest digest(@PathVariable String cycleId, Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        return inputs.digest(cycleId).orElseGet(() -> InputDigest.empty(cycleId));
    }
}
