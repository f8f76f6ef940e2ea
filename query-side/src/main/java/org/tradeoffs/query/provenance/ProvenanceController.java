package org.tradeoffs.query.provenance;

import org.springframework.context.annotation.Lazy;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.audit.AuditChainProjection;
import org.tradeoffs.query.consistency.ReadsFrom;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.security.Caller;

/**
 * How a decision came about, for every member of the cycle's district (auditors above all): the chain of stored
 * events behind a decided priority or tradeoff package, each with its audit-chain hash, and its items as they
 * stood when it was decided. Read-only, like every query.
 */
@RestController
@ReadsFrom({ProvenanceProjection.PROCESSING_GROUP, AuditChainProjection.PROCESSING_GROUP})
public class ProvenanceController {

    private final Directory directory;
    private final Provenance provenance;

    /** The provenance is resolved on first use, so web slice tests of other controllers need not provide it. */
    public ProvenanceController(Directory directory, @Lazy Provenance provenance) {
        this.directory = directory;
        this.provenance = provenance;
    }

    @GetMapping("/api/cycles/{cycleId}/decisions/{decisionId}/provenance")
    public DecisionProvenance provenance(@PathVariable String cycleId, @PathVariable String decisionId,
            Authentication authentication) {
        directory.readableCycle(cycleId, Caller.of(authentication));
        return provenance.of(cycleId, decisionId);
    }
}
