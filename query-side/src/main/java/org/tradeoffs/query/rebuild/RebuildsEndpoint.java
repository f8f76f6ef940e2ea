package org.tradeoffs.query.rebuild;

import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.stereotype.Component;

/** The rebuilds through the actuator: {@code /actuator/rebuilds} and {@code /actuator/rebuilds/{id}}. */
@Component
@Endpoint(id = "rebuilds")
public class RebuildsEndpoint {

    private final Rebuilds rebuilds;

    public RebuildsEndpoint(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @ReadOperation
    public List<RebuildStatus> rebuilds() {
        return rebuilds.all();
    }

    @ReadOperation
    public RebuildStatus rebuild(@Selector String id) {
        return rebuilds.find(id).orElse(null);
    }
}
