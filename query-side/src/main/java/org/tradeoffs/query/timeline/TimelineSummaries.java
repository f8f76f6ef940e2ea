package org.tradeoffs.query.timeline;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.StakeholderInputTagged;
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
import org.tradeoffs.events.savings.FundingCommitted;
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
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Tally;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDecided;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.events.tradeoff.VoteCast;
import org.tradeoffs.events.tradeoff.VoteChanged;
import org.tradeoffs.events.tradeoff.VotingRulesChanged;

/** One-line, human-readable sentences for timeline entries. */
final class TimelineSummaries {

    private static final int MAX_QUOTED_TEXT = 140;

    /** The catalog's questions all ask "Can the district free up funds from X ?"; a label keeps the X. */
    private static final Pattern QUESTION_LEAD = Pattern.compile(
            "^(can the district\\s+)?(free up funds\\s+(from|by|associated with)\\s+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUESTION_END = Pattern.compile("\\s*\\?+\\s*$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Formats are not safe for threads to share, and costly to make for every summary: one per thread. */
    private static final ThreadLocal<NumberFormat> COUNT =
            ThreadLocal.withInitial(() -> NumberFormat.getIntegerInstance(Locale.US));
    private static final ThreadLocal<DecimalFormat> MONEY =
            ThreadLocal.withInitial(() -> new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US)));

    /** What events after the first one of an item do not repeat: titles and numbers, by id. */
    interface Names {

        /** The current title of a priority (its id when unknown). */
        String priorityTitle(String priorityId);

        /** The opportunity's number and question, or null when unknown. */
        OpportunityName opportunity(String opportunityId);

        /** The milestone's title, or null when unknown. */
        String milestoneTitle(String milestoneId);

        /** Who a stakeholder input came from and how, as last recorded or corrected; null when unknown. */
        InputName input(String inputId);

        /** The current title of a tradeoff package, or null when unknown. */
        String tradeoffTitle(String tradeoffId);
    }

    record OpportunityName(int number, String question) {
    }

    record InputName(StakeholderGroup group, InputChannel channel, int respondents) {

        static InputName of(InputContent content) {
            return new InputName(content.group(), content.channel(), content.respondents());
        }
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
        if (event instanceof FundingCommitted committed) {
            return tradeoff(names, committed.tradeoffId()) + " committed " + money(committed.amount()) + "/yr of "
                    + labelled(names, committed.opportunityId());
        }
        if (event instanceof StakeholderInputRecorded recorded) {
            return actor + " recorded " + input(InputName.of(recorded.content()));
        }
        if (event instanceof StakeholderInputCorrected corrected) {
            return actor + " corrected " + input(InputName.of(corrected.content())) + ": "
                    + oneLine(corrected.reason());
        }
        if (event instanceof StakeholderInputTagged tagged) {
            InputName name = names.input(tagged.inputId());
            return actor + " tagged " + (name == null ? "an input" : input(name)) + " with "
                    + quoted(tagged.themes());
        }
        if (event instanceof TradeoffDrafted drafted) {
            return actor + " drafted " + quoted(drafted.content().title()) + " (" + sums(drafted.content()) + ")";
        }
        if (event instanceof TradeoffRevised revised) {
            return actor + " revised " + quoted(revised.content().title()) + " to version " + revised.contentVersion()
                    + " (" + sums(revised.content()) + ")";
        }
        if (event instanceof TradeoffSubmitted submitted) {
            return actor + " submitted " + tradeoff(names, submitted.tradeoffId()) + " for a vote (quorum "
                    + submitted.quorum() + " of " + submitted.eligibleVoters().size() + " eligible voters, "
                    + submitted.majority() + " majority)";
        }
        if (event instanceof VotingRulesChanged changed) {
            return actor + " changed the voting rules of " + tradeoff(names, changed.tradeoffId()) + " (quorum "
                    + changed.quorum() + ", " + changed.majority() + " majority)";
        }
        if (event instanceof VoteCast cast) {
            return actor + " voted " + cast.vote() + " on " + tradeoff(names, cast.tradeoffId());
        }
        if (event instanceof VoteChanged changed) {
            return actor + " changed their vote on " + tradeoff(names, changed.tradeoffId()) + " from "
                    + changed.previousVote() + " to " + changed.vote();
        }
        if (event instanceof TradeoffDecided decided) {
            return tradeoff(names, decided.tradeoffId()) + " was " + decided.outcome() + " " + tally(decided.tally());
        }
        if (event instanceof TradeoffClosed closed) {
            return actor + " closed the vote on " + tradeoff(names, closed.tradeoffId()) + " as " + closed.outcome()
                    + " " + tally(closed.tally()) + ": " + oneLine(closed.rationale());
        }
        return actor + " " + event.getClass().getSimpleName();
    }

    /** {@code survey input from 689 parents}, {@code input from 1 board member}. */
    private static String input(InputName name) {
        String channel = switch (name.channel()) {
            case SURVEY -> "survey ";
            case TOWN_HALL -> "town hall ";
            case FOCUS_GROUP -> "focus group ";
            case PUBLIC_COMMENT -> "public comment ";
            case EMAIL -> "email ";
            case OTHER -> "";
        };
        boolean one = name.respondents() == 1;
        String group = switch (name.group()) {
            case PARENTS -> one ? "parent" : "parents";
            case TEACHERS -> one ? "teacher" : "teachers";
            case CLASSIFIED_STAFF -> one ? "classified staff member" : "classified staff";
            case STUDENTS -> one ? "student" : "students";
            case COMMUNITY -> one ? "community member" : "community members";
            case BOARD -> one ? "board member" : "board members";
            case LABOR_PARTNER -> one ? "labor partner" : "labor partners";
        };
        return channel + "input from " + COUNT.get().format(name.respondents()) + " "
                + group;
    }

    /** {@code invests $1,250,000.00/yr, funds $1,300,000.00/yr}. */
    private static String sums(PackageContent content) {
        BigDecimal invested = content.investments().stream().map(Investment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal funded = content.funding().stream().map(Funding::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return "invests " + money(invested) + "/yr, funds " + money(funded) + "/yr";
    }

    /** {@code 3-0 (1 abstained)}: approvals, rejections and, when there were any, abstentions. */
    private static String tally(Tally tally) {
        return tally.approve() + "-" + tally.reject()
                + (tally.abstain() > 0 ? " (" + tally.abstain() + " abstained)" : "");
    }

    private static String tradeoff(Names names, String tradeoffId) {
        String title = names.tradeoffTitle(tradeoffId);
        return title == null ? "package " + tradeoffId : quoted(title);
    }

    private static String quoted(String text) {
        return "\"" + oneLine(text) + "\"";
    }

    /** {@code "class size", "transportation"} */
    private static String quoted(List<String> texts) {
        return texts.stream().map(TimelineSummaries::quoted).collect(Collectors.joining(", "));
    }

    /** US dollars with thousands separators and two decimals, the sign before the dollar: {@code -$1,250.00}. */
    static String money(BigDecimal amount) {
        return (amount.signum() < 0 ? "-$" : "$") + MONEY.get().format(amount.abs());
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
        return priority(details.title()) + " (" + money(details.cost().total()) + "/yr)";
    }

    private static String priority(String title) {
        return "priority \"" + oneLine(title) + "\"";
    }

    /** Free text collapsed to one line and shortened, so a summary never spans lines. */
    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return line.length() <= MAX_QUOTED_TEXT ? line : line.substring(0, MAX_QUOTED_TEXT - 1) + "…";
    }
}
