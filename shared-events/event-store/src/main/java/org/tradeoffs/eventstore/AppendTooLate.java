package org.tradeoffs.eventstore;

/**
 * An append whose insert came after a reader had given its positions up: they stayed empty for longer than the hole
 * timeout, and the reader burned them to move on (see {@link OrderedMongoEventStorageEngine}). Nothing of it was
 * stored, and nothing of it ever will be; sending it again is safe.
 */
public class AppendTooLate extends RuntimeException {

    public AppendTooLate(long first, long last, Throwable cause) {
        super("The append at positions " + first + ".." + last
                + " came after the hole timeout; readers had burned them", cause);
    }
}
