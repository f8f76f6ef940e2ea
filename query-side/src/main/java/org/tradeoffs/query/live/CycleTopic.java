package org.tradeoffs.query.live;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STOMP destination of one cycle: {@code /topic/cycles/{cycleId}/priorities}, {@code .../timeline},
 * {@code .../savings}, {@code .../tradeoffs} or {@code .../inputs}.
 */
public record CycleTopic(String cycleId, Kind kind) {

    public enum Kind {
        PRIORITIES("priorities"), TIMELINE("timeline"), SAVINGS("savings"), TRADEOFFS("tradeoffs"), INPUTS("inputs");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        /** The last segment of the destination, as clients name the topic: {@code priorities}, ... */
        public String path() {
            return path;
        }

        public static Optional<Kind> byPath(String path) {
            return Arrays.stream(values()).filter(kind -> kind.path.equals(path)).findFirst();
        }
    }

    private static final Pattern DESTINATION =
            Pattern.compile("/topic/cycles/([A-Za-z0-9._-]{1,100})/(priorities|timeline|savings|tradeoffs|inputs)");

    public static CycleTopic priorities(String cycleId) {
        return new CycleTopic(cycleId, Kind.PRIORITIES);
    }

    public static CycleTopic timeline(String cycleId) {
        return new CycleTopic(cycleId, Kind.TIMELINE);
    }

    public static CycleTopic savings(String cycleId) {
        return new CycleTopic(cycleId, Kind.SAVINGS);
    }

    public static CycleTopic tradeoffs(String cycleId) {
        return new CycleTopic(cycleId, Kind.TRADEOFFS);
    }

    public static CycleTopic inputs(String cycleId) {
        return new CycleTopic(cycleId, Kind.INPUTS);
    }

    /** Empty for any destination that is not a cycle topic. */
    public static Optional<CycleTopic> parse(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        Matcher matcher = DESTINATION.matcher(destination);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Kind kind = Arrays.stream(Kind.values())
                .filter(candidate -> candidate.path.equals(matcher.group(2)))
                .findFirst()
                .orElseThrow();
        return Optional.of(new CycleTopic(matcher.group(1), kind));
    }

    public String destination() {
        return "/topic/cycles/" + cycleId + "/" + kind.path;
    }
}
