package org.tradeoffs.query.timeline;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.priority.PriorityWithdrawn;
import org.tradeoffs.events.savings.BudgetLineAdded;
import org.tradeoffs.events.savings.ConstraintKind;
import org.tradeoffs.events.savings.ConstraintRecorded;
import org.tradeoffs.events.savings.CostDriverAdded;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.MilestoneCompleted;
import org.tradeoffs.events.savings.MilestoneOverdue;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.OwnerAssigned;
import org.tradeoffs.events.savings.RenegotiationWindowOpened;
import org.tradeoffs.events.savings.SavingsCaptured;
import org.tradeoffs.events.savings.ScreeningDecision;

/** One-line, human-readable sentences for timeline entries. */
final class TimelineSummaries {

    private static final int MAX_QUOTED_TEXT = 140;

    /** The catalog's questions all ask "Can the district free up funds from X ?"; a label keeps the X. */
    private static final Pattern QUESTION_LEAD = Pattern.compile(
            "^(can the district\\s+)?(free up funds\\s+(from|by|associated with)\\s+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUESTION_END = Pattern.compile("\\s*\\?+\\s*$");

    /** What events after the first one of an item do not repeat: titles and numbers, by id. */
    interface Names {

        /** The current title of a priority (its id when unknown). */
        String priorityTitle(String priorityId);

        /** The opportunity's number and question, or null when unknown. */
        OpportunityName opportunity(String opportunityId);

        /** The milestone's title, or null when unknown. */
        String milestoneTitle(String milestoneId);
    }

    record OpportunityName(int number, String question) {
    }

    private TimelineSummaries() {
    }

    static String summarize(CycleScoped event, Names names) {
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
            return actor + " withdrew " + priority(names.priorityTitle(withdrawn.priorityId()))
                    + ": " + oneLine(withdrawn.reason());
        }
        if (event instanceof PriorityApproved approved) {
            return actor + " approved " + priority(names.priorityTitle(approved.priorityId()))
                    + ": " + oneLine(approved.rationale());
        }
        if (event instanceof PriorityRejected rejected) {
            return actor + " rejected " + priority(names.priorityTitle(rejected.priorityId()))
                    + ": " + oneLine(rejected.rationale());
        }
        if (event instanceof PriorityReopened reopened) {
            return actor + " reopened " + priority(names.priorityTitle(reopened.priorityId()))
                    + ": " + oneLine(reopened.reason());
        }
        if (event instanceof OpportunityListed listed) {
            return actor + (listed.catalog() ? " listed " : " added ")
                    + labelled(new OpportunityName(listed.number(), listed.question()))
                    + " (" + listed.focusArea().title() + ")";
        }
        if (event instanceof OpportunityScreened screened) {
            String number = number(names, screened.opportunityId());
            return screened.decision() == ScreeningDecision.SCREENED_OUT
                    ? actor + " screened " + number + " out"
                    : actor + " screened " + number + " into " + screened.decision();
        }
        if (event instanceof BudgetLineAdded added) {
            return actor + " added budget line \"" + oneLine(String.join(" / ", added.path())) + "\" ("
                    + money(added.annualAmount()) + "/yr) to " + number(names, added.opportunityId());
        }
        if (event instanceof CostDriverAdded added) {
            return actor + " added cost driver \"" + oneLine(added.name()) + "\" ("
                    + added.quantity().stripTrailingZeros().toPlainString() + " " + oneLine(added.unit()) + " x "
                    + money(added.unitCost()) + " = " + money(added.quantity().multiply(added.unitCost()))
                    + "/yr) to " + number(names, added.opportunityId());
        }
        if (event instanceof ConstraintRecorded recorded) {
            String date = recorded.renegotiationDate() == null ? ""
                    : ", renegotiable from " + recorded.renegotiationDate();
            return actor + " recorded a " + (recorded.rigid() ? "rigid " : "flexible ") + constraint(recorded.kind())
                    + " on " + number(names, recorded.opportunityId()) + date + ": " + oneLine(recorded.description());
        }
        if (event instanceof OpportunitySized sized) {
            return actor + " sized " + labelled(names, sized.opportunityId()) + " at " + money(sized.low()) + "–"
                    + money(sized.high()) + "/yr";
        }
        if (event instanceof OwnerAssigned assigned) {
            return actor + " made " + assigned.owner() + " the owner of " + number(names, assigned.opportunityId());
        }
        if (event instanceof MilestoneAdded added) {
            return actor + " added milestone \"" + oneLine(added.title()) + "\" to "
                    + number(names, added.opportunityId()) + ", due " + added.dueDate();
        }
        if (event instanceof MilestoneCompleted completed) {
            return actor + " completed " + milestone(names, completed.milestoneId()) + " of "
                    + number(names, completed.opportunityId());
        }
        if (event instanceof MilestoneOverdue overdue) {
            return actor + " marked " + milestone(names, overdue.milestoneId()) + " of "
                    + number(names, overdue.opportunityId()) + " overdue (due " + overdue.dueDate() + ")";
        }
        if (event instanceof SavingsCaptured captured) {
            return actor + " recorded " + money(captured.amount()) + " captured on "
                    + number(names, captured.opportunityId()) + " (" + captured.capturedOn() + ")";
        }
        if (event instanceof RenegotiationWindowOpened opened) {
            return actor + " opened the renegotiation window of a contract on "
                    + number(names, opened.opportunityId()) + " (" + opened.renegotiationDate() + ")";
        }
        return actor + " " + event.getClass().getSimpleName();
    }

    /** US dollars with thousands separators and two decimals, the sign before the dollar: {@code -$1,250.00}. */
    static String money(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return (amount.signum() < 0 ? "-$" : "$") + format.format(amount.abs());
    }

    /** A short name for an opportunity: {@code #1 general education transportation}. */
    static String labelled(OpportunityName name) {
        String question = QUESTION_END.matcher(oneLine(name.question())).replaceFirst("");
        String label = QUESTION_LEAD.matcher(question).replaceFirst("");
        return "#" + name.number() + (label.isBlank() ? "" : " " + label);
    }

    private static String labelled(Names names, String opportunityId) {
        OpportunityName name = names.opportunity(opportunityId);
        return name == null ? "opportunity " + opportunityId : labelled(name);
    }

    private static String number(Names names, String opportunityId) {
        OpportunityName name = names.opportunity(opportunityId);
        return name == null ? "opportunity " + opportunityId : "#" + name.number();
    }

    private static String milestone(Names names, String milestoneId) {
        String title = names.milestoneTitle(milestoneId);
        return title == null ? "a milestone" : "milestone \"" + oneLine(title) + "\"";
    }

    private static String constraint(ConstraintKind kind) {
        return switch (kind) {
            case DISTRICT_PREFERENCE -> "district preference";
            case STATE_POLICY -> "state policy";
            case FEDERAL_RULE -> "federal rule";
            case CONTRACT -> "contract";
            case OTHER -> "constraint";
        };
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
