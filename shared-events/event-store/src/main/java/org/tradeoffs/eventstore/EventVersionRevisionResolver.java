package org.tradeoffs.eventstore;

import org.axonframework.serialization.RevisionResolver;
import org.tradeoffs.events.EventVersion;

/** Reads our framework-free {@link EventVersion} annotation; an event without one is version 1. */
public class EventVersionRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        EventVersion version = payloadType.getAnnotation(EventVersion.class);
        return String.valueOf(version == null ? 1 : version.value());
    }
}
