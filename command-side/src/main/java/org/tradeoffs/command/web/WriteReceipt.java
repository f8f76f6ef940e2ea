package org.tradeoffs.command.web;

/**
 * The answer to every write: the item's id, its version after the write (send it back as
 * {@code If-Match}), and the global position of the last event stored, or null when nothing changed.
 */
public record WriteReceipt(String id, long version, Long position) {
}
