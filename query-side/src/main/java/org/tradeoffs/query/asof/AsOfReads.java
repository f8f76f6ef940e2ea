package org.tradeoffs.query.asof;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tradeoffs.query.consistency.ProjectionProgress;
import org.tradeoffs.query.consistency.ReadConsistency;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.problem.InvalidParameterException;
import org.tradeoffs.query.problem.NotReadyException;
import org.tradeoffs.query.readmodel.ReadModels;
import org.tradeoffs.query.security.Caller;

/**
 * What a read endpoint answers from: today's read models, or, with {@code asOf} (a global position or an ISO-8601
 * instant), the read models as they stood then. An as-of answer names the position it stands at in the
 * {@code As-Of-Position} response header. Who may read is decided on today's directory either way.
 */
@Component
public class AsOfReads {

    public static final String HEADER = "As-Of-Position";

    private static final long RETRY_AFTER_SECONDS = 1;

    private final ReadModels live;
    private final Directory directory;
    private final AsOf asOf;
    private final ReadConsistency settled;

    /**
     * @param progress the processors' progress: a past position is read once they have passed it, so that no event
     *                 at or before it is still being stored (absent in web slice tests, which have no processors)
     */
    public AsOfReads(ReadModels liveReadModels, Directory directory, AsOf asOf,
            ObjectProvider<ProjectionProgress> progress,
            @Value("${tradeoffs.consistency.max-wait:2s}") Duration maxWait,
            @Value("${tradeoffs.consistency.poll-interval:10ms}") Duration pollInterval) {
        this.live = liveReadModels;
        this.directory = directory;
        this.asOf = asOf;
        ProjectionProgress available = progress.getIfAvailable();
        this.settled = available == null ? null : ReadConsistency.of(available, maxWait, pollInterval);
    }

    /** @param views the read models to answer from; @param directory authorizes and answers directory reads */
    public record Reading(ReadModels views, Directory directory) {
    }

    /**
     * For directory reads (districts, members, cycles).
     *
     * @param asOf the request's {@code asOf} parameter; null or blank for today
     */
    public Reading of(String asOf) {
        return of(asOf, AsOf.Scope.directory());
    }

    /**
     * The read models to answer from, once the caller was found allowed to read the cycle (today's directory says who
     * may read) and it existed then. The caller is checked first: no one waits for, or replays, a cycle they may not
     * read.
     */
    public ReadModels cycle(String cycleId, String asOf, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        directory.readableCycle(cycleId, caller);
        Reading reading = of(asOf, AsOf.Scope.cycle(cycleId));
        reading.directory().readableCycle(cycleId, caller);
        return reading.views();
    }

    private Reading of(String asOf, AsOf.Scope scope) {
        if (asOf == null || asOf.isBlank()) {
            return new Reading(live, directory);
        }
        long position = position(asOf);
        if (settled != null && !settled.awaitProcessed(position)) {
            throw new NotReadyException("The events up to position " + position + " are still being stored; ask again",
                    RETRY_AFTER_SECONDS);
        }
        ReadModels past = this.asOf.at(position, scope);
        return new Reading(past, directory.asOf(past.directory()));
    }

    /**
     * The global position an {@code asOf} parameter names, also sent back in the {@value #HEADER} header.
     *
     * @throws InvalidParameterException for neither a position nor an instant, a position after the last stored
     *         event, or an instant in the future
     */
    public long position(String asOf) {
        long position = parse(asOf.trim());
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletResponse response = attributes.getResponse();
            if (response != null) {
                response.setHeader(HEADER, Long.toString(position));
            }
        }
        return position;
    }

    private long parse(String asOf) {
        long head = this.asOf.headPosition();
        if (asOf.chars().allMatch(Character::isDigit)) {
            long position;
            try {
                position = Long.parseLong(asOf);
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("asOf", "asOf position " + asOf + " is out of range");
            }
            if (position > head) {
                throw new InvalidParameterException("asOf",
                        "asOf position " + position + " is after the last stored event (" + head + ")");
            }
            return position;
        }
        Instant instant = instant(asOf);
        if (instant.isAfter(Instant.now())) {
            throw new InvalidParameterException("asOf", "asOf " + asOf + " is in the future");
        }
        return this.asOf.positionAt(instant);
    }

    private static Instant instant(String asOf) {
        try {
            return OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("asOf",
                    "asOf must be a global position (a whole number) or an ISO-8601 instant such as "
                            + "2026-11-28T06:00:00Z, not '" + asOf + "'");
        }
    }
}
