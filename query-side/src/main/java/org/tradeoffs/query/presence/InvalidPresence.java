package org.tradeoffs.query.presence;

/**
 * A presence SEND that was not applied: its body is not a {@link PresenceUpdate}, or it names an item that is not
 * one of the cycle's. The sender is answered on its error queue.
 */
public class InvalidPresence extends RuntimeException {

    private final String code;

    public InvalidPresence(String detail) {
        this(PresenceError.INVALID, detail);
    }

    private InvalidPresence(String code, String detail) {
        super(detail);
        this.code = code;
    }

    static InvalidPresence unknownItem(String detail) {
        return new InvalidPresence(PresenceError.UNKNOWN_ITEM, detail);
    }

    PresenceError error() {
        return PresenceError.UNKNOWN_ITEM.equals(code) ? PresenceError.unknownItem(getMessage())
                : PresenceError.invalid(getMessage());
    }
}
