package org.tradeoffs.query.timeline;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.Function;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.priority.PriorityWithdrawn;

/** One-line, human-readable sentences for timeline entries. */
final class TimelineSummaries {

    private static final int MAX_QUOTED_TEXT = 140;

    private TimelineSummaries() {
    }

    /**
     * @param titleOf the current title of a priority by id (events after the proposal do not repeat it)
     */
    static String summarize(CycleScoped event, Function<String, String> titleOf) {
        String actor = event.actor();
        if (event instanceof PlanningCycleOpened opened) {
            return actor + " opened planning cycle \"" + oneLine(opened.name()) + "\"";
        }
        if (event instanceof PriorityProposed proposed) {
            return actor + " proposed " + priority(proposed.details());
        }
        if (event instanceof PriorityRevised revised) {
            return actor + " revised " + priority(revised.details());
        }
        if (event instanceof PriorityWithdrawn withdrawn) {
            return actor + " withdrew " + priority(titleOf.apply(withdrawn.priorityId()))
                    + ": " + oneLine(withdrawn.reason());
        }
        if (event instanceof PriorityApproved approved) {
            return actor + " approved " + priority(titleOf.apply(approved.priorityId()))
                    + ": " + oneLine(approved.rationale());
        }
        if (event instanceof PriorityRejected rejected) {
            return actor + " rejected " + priority(titleOf.apply(rejected.priorityId()))
                    + ": " + oneLine(rejected.rationale());
        }
        if (event instanceof PriorityReopened reopened) {
            return actor + " reopened " + priority(titleOf.apply(reopened.priorityId()))
                    + ": " + oneLine(reopened.reason());
        }
        return actor + " " + event.getClass().getSimpleName();
    }

    static String money(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return "$" + format.format(amount);
    }

    private static String priority(PriorityDetails details) {
        return priority(details.title()) + " (" + money(details.estimatedAnnualCost()) + "/yr)";
    }

    private static String priority(String title) {
        return "priority \"" + oneLine(title) + "\"";
    }

    /** Free text collapsed to one line and shortened, so a summary never spans lines. */
    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_QUOTED_TEXT ? line : line.substring(0, MAX_QUOTED_TEXT - 1) + "…";
    }
}
