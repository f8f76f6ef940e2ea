package org.tradeoffs.events;

/** Every fact we store names the person who caused it (a username, never contact data). */
public interface DomainEvent {
    String actor();
}
