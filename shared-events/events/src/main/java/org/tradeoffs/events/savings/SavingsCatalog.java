package org.tradeoffs.events.savings;

import java.util.List;

import static org.tradeoffs.events.savings.FocusArea.CLASS_SIZE;
import static org.tradeoffs.events.savings.FocusArea.INSTRUCTIONAL_TIME;
import static org.tradeoffs.events.savings.FocusArea.MAXIMIZING_REVENUE;
import static org.tradeoffs.events.savings.FocusArea.NON_INSTRUCTIONAL_STAFFING;
import static org.tradeoffs.events.savings.FocusArea.PROFESSIONAL_DEVELOPMENT;
import static org.tradeoffs.events.savings.FocusArea.REDUCING_OPERATIONAL_COSTS;
import static org.tradeoffs.events.savings.FocusArea.SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE;

/**
 * The 31 cost savings opportunities of the Smarter School Spending Cost Savings Screening &amp;
 * Sizing Tool, with the question text exactly as the tool prints it. Every new planning cycle lists
 * them all ({@link OpportunityListed}); the text is copied into the events, so a later edit here
 * never changes what a past cycle recorded.
 */
public final class SavingsCatalog {

    public record Entry(int number, FocusArea focusArea, String question) {
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry(1, REDUCING_OPERATIONAL_COSTS, "Can the district free up funds from general education transportation ?"),
            new Entry(2, REDUCING_OPERATIONAL_COSTS, "Can the district free up funds from energy expenditures ?"),
            new Entry(3, REDUCING_OPERATIONAL_COSTS, "Can the district free up funds from maintenance services ?"),
            new Entry(4, REDUCING_OPERATIONAL_COSTS, "Can the district free up funds from custodial services ?"),
            new Entry(5, REDUCING_OPERATIONAL_COSTS, "Can the district free up funds from food services ?"),
            new Entry(6, REDUCING_OPERATIONAL_COSTS, "Can the district free up funds from classroom and other instructional technology ?"),
            new Entry(7, SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE, "Can the district address mild special needs differently?"),
            new Entry(8, SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE, "Can the district free up funds from paraprofessional positions ?"),
            new Entry(9, SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE, "Can the district free up funds by increasing the impact of intervention teaching positions ?"),
            new Entry(10, SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE, "Can the district free up funds from special education teaching positions ?"),
            new Entry(11, SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE, "Can the district free up funds from speech and language therapist positions ?"),
            new Entry(12, SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE, "Can the district increase the impact of Title I spending ?"),
            new Entry(13, SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE, "Can the district free up funds by reducing reliance on out-of-district special education placements ?"),
            new Entry(14, SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE, "Can the district free up funds by reducing its reliance on alternative schools for students with behavioral challenges?"),
            new Entry(15, MAXIMIZING_REVENUE, "Can the district increase state and federal funding by maximizing free and reduced-priced meals enrollment ?"),
            new Entry(16, MAXIMIZING_REVENUE, "Can the district increase federal Medicaid reimbursement for health-related student services?"),
            new Entry(17, PROFESSIONAL_DEVELOPMENT, "Can the district free up funds from professional development expenditures ?"),
            new Entry(18, PROFESSIONAL_DEVELOPMENT, "Can the district provide more professional development opportunities for core teachers at little or no additional cost?"),
            new Entry(19, PROFESSIONAL_DEVELOPMENT, "Can the district increase the impact of the coaching model at little to no additional cost?"),
            new Entry(20, PROFESSIONAL_DEVELOPMENT, "Can the district free up funds from instructional coaching positions ?"),
            new Entry(21, NON_INSTRUCTIONAL_STAFFING, "Can the district free up funds from central office spending ?"),
            new Entry(22, NON_INSTRUCTIONAL_STAFFING, "Can the district free up funds from school-based administrator positions and/or increase the impact of existing"),
            new Entry(23, NON_INSTRUCTIONAL_STAFFING, "Can the district free up funds from clerical support positions ?"),
            new Entry(24, NON_INSTRUCTIONAL_STAFFING, "Can the district free up funds from library/media specialist positions and/or increase the impact of existing positions ?"),
            new Entry(25, NON_INSTRUCTIONAL_STAFFING, "Can the district free up funds from guidance counselor positions ?"),
            new Entry(26, INSTRUCTIONAL_TIME, "Can the district free up funds associated with teacher absences ?"),
            new Entry(27, INSTRUCTIONAL_TIME, "Can the district free up funds from extended school day and/or year programs ?"),
            new Entry(28, INSTRUCTIONAL_TIME, "Can the district free up funds from blended learning and/or online classes and/or increase the impact at little or no additional cost?"),
            new Entry(29, CLASS_SIZE, "Can the district free up funds by managing class sizes differently at the elementary schools ?"),
            new Entry(30, CLASS_SIZE, "Can the district free up funds by managing class sizes differently at the middle schools ?"),
            new Entry(31, CLASS_SIZE, "Can the district free up funds by managing class sizes differently at the high schools ?"));

    private SavingsCatalog() {
    }
}
