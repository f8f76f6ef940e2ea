package org.tradeoffs.query.presence;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The STOMP destinations of presence: the topic {@code /topic/cycles/{cycleId}/presence} members subscribe to, the
 * application destination {@code /app/cycles/{cycleId}/presence} they SEND what they view and edit to, and
 * {@value #ERRORS}, where a SEND that cannot be applied is answered.
 */
public final class PresenceDestinations {

    /** Where a client subscribes to hear why its SEND was not applied. */
    public static final String ERRORS = "/user/queue/errors";
    /** {@link #ERRORS} as a handler names it: the user prefix is added for the sending session. */
    static final String USER_ERRORS = "/queue/errors";

    private static final String CYCLE_ID = "([A-Za-z0-9._-]{1,100})";
    private static final Pattern TOPIC = Pattern.compile("/topic/cycles/" + CYCLE_ID + "/presence");
    private static final Pattern SEND = Pattern.compile("/app/cycles/" + CYCLE_ID + "/presence");

    private PresenceDestinations() {
    }

    /** The cycle whose presence topic this is; empty for any other destination. */
    public static Optional<String> cycleOfTopic(String destination) {
        return cycleOf(TOPIC, destination);
    }

    /** The cycle a presence SEND to this destination is about; empty for any other destination. */
    public static Optional<String> cycleOfSend(String destination) {
        return cycleOf(SEND, destination);
    }

    public static String topic(String cycleId) {
        return "/topic/cycles/" + cycleId + "/presence";
    }

    private static Optional<String> cycleOf(Pattern pattern, String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(destination);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
