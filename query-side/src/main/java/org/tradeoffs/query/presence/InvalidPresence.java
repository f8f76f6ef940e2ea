package org.tradeoffs.query.presence;

/** A presence SEND whose body is not a {@link PresenceUpdate}; the sender is answered on its error queue. */
public class InvalidPresence extends RuntimeException {

    public InvalidPresence(String detail) {
        super(detail);
    }
}
