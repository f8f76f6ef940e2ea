package org.tradeoffs.query.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.auditchain.Digest;
import org.tradeoffs.query.asof.AsOfReads;
import org.tradeoffs.query.consistency.ReadsFrom;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.problem.ForbiddenException;
import org.tradeoffs.query.problem.InvalidParameterException;
import org.tradeoffs.query.security.Caller;

/**
 * The tamper evidence of a district, for its members (auditors above all): verify the chain here, or export it
 * and verify it offline with {@code ./run.sh verify-export}. Administrators who are not members get 403, as for
 * every other read of a district's work.
 */
@RestController
@ReadsFrom(AuditChainProjection.PROCESSING_GROUP)
public class AuditController {

    static final String NDJSON = "application/x-ndjson";

    private final Directory directory;
    private final AuditLog auditLog;
    private final AsOfReads reads;

    /** The audit log is resolved on first use, so web slice tests of other controllers need not provide it. */
    public AuditController(Directory directory, @Lazy AuditLog auditLog, AsOfReads reads) {
        this.directory = directory;
        this.auditLog = auditLog;
        this.reads = reads;
    }

    /**
     * @param digest {@code POSITION:HASH} kept from an earlier verification or export: the chain must carry that
     *               hash at that position, or it was rewritten (or cut back) since
     */
    @GetMapping("/api/districts/{districtId}/audit/verify")
    public AuditVerification verify(@PathVariable String districtId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String digest, Authentication authentication) {
        requireMember(districtId, Caller.of(authentication));
        Digest kept = digest == null || digest.isBlank() ? null : digest(digest);
        return auditLog.verify(districtId, position(asOf), kept);
    }

    /** The position {@code asOf} names; the chain as it stands without one. */
    private long position(String asOf) {
        return asOf == null || asOf.isBlank() ? AuditLog.NOW : reads.position(asOf);
    }

    private static Digest digest(String text) {
        try {
            return Digest.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("digest", e.getMessage());
        }
    }

    /** JSON Lines, streamed as the chain is read; see {@link AuditLog#export}. */
    @GetMapping("/api/districts/{districtId}/audit/export")
    public void export(@PathVariable String districtId, @RequestParam(required = false) String asOf,
            Authentication authentication, HttpServletResponse response) throws IOException {
        requireMember(districtId, Caller.of(authentication));
        auditLog.export(districtId, position(asOf), () -> {
            // only once the export may start: until then an error is still answered as a problem document
            response.setContentType(NDJSON);
            response.setCharacterEncoding("UTF-8");
            return response.getOutputStream();
        });
    }

    private void requireMember(String districtId, Caller caller) {
        directory.district(districtId, caller); // 404 for an unknown district, 403 for a non-member who is no admin
        if (!directory.isMember(caller.username(), districtId)) {
            throw new ForbiddenException("You are not a member of district " + districtId);
        }
    }
}
