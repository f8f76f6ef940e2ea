package org.tradeoffs.command.common;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The date today where the districts are ({@code tradeoffs.followups.zone}, default America/Los_Angeles):
 * follow-ups fall due by it and captured savings may be dated up to it. Time comes from the
 * {@link Clock} bean, so tests can move it.
 */
@Component
public class Today {

    private final Clock clock;
    private final ZoneId zone;

    public Today(Clock clock, @Value("${tradeoffs.followups.zone:America/Los_Angeles}") ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate date() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }
}
