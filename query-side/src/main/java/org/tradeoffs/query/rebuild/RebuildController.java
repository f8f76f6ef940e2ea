package org.tradeoffs.query.rebuild;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.query.problem.ForbiddenException;
import org.tradeoffs.query.problem.InvalidParameterException;
import org.tradeoffs.query.problem.NotFoundException;
import org.tradeoffs.query.readmodel.ReadModel;
import org.tradeoffs.query.security.Caller;

/** Platform administrators rebuild read models without downtime (see {@link Rebuilds}); nobody else may. */
@RestController
@RequestMapping("/api/admin/rebuilds")
public class RebuildController {

    private final Rebuilds rebuilds;

    /** Resolved on first use, so web slice tests of other controllers need not provide it. */
    public RebuildController(@Lazy Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** @param readModel one of {@link ReadModel#id()} */
    public record RebuildRequest(String readModel) {
    }

    /** Declares what it answers, so that a client that accepts no JSON is refused (406) before a rebuild starts. */
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<RebuildStatus> start(@RequestBody RebuildRequest request, Authentication authentication) {
        requireAdmin(authentication);
        String id = request == null ? null : request.readModel();
        ReadModel model = id == null ? null : ReadModel.byId(id).orElse(null);
        if (model == null) {
            throw new InvalidParameterException("readModel", "readModel must be one of " + Arrays.stream(ReadModel.values())
                    .map(ReadModel::id).toList() + (id == null ? "" : ", not '" + id + "'"));
        }
        RebuildStatus status = rebuilds.start(model);
        return ResponseEntity.accepted().location(URI.create("/api/admin/rebuilds/" + status.id())).body(status);
    }

    @GetMapping
    public List<RebuildStatus> all(Authentication authentication) {
        requireAdmin(authentication);
        return rebuilds.all();
    }

    @GetMapping("/{id}")
    public RebuildStatus one(@PathVariable String id, Authentication authentication) {
        requireAdmin(authentication);
        return rebuilds.find(id).orElseThrow(() -> new NotFoundException("No rebuild " + id));
    }

    private static void requireAdmin(Authentication authentication) {
        if (!Caller.of(authentication).admin()) {
            throw new ForbiddenException("Only platform administrators rebuild read models");
        }
    }
}
