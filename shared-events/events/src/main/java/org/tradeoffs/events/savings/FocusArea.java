package org.tradeoffs.events.savings;

/** The seven focus areas of the Cost Savings Screening &amp; Sizing Tool. */
public enum FocusArea {
    REDUCING_OPERATIONAL_COSTS("Reducing operational costs"),
    SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE("Rethinking service delivery models for students who struggle"),
    MAXIMIZING_REVENUE("Maximizing revenue"),
    PROFESSIONAL_DEVELOPMENT("Boosting the impact and cost-effectiveness of professional development for teachers"),
    NON_INSTRUCTIONAL_STAFFING("Examining staffing levels of non-instructional staff"),
    INSTRUCTIONAL_TIME("Using instructional time more cost-effectively"),
    CLASS_SIZE("Managing class size");

    private final String title;

    FocusArea(String title) {
        this.title = title;
    }

    /** The category's name as the tool prints it. */
    public String title() {
        return title;
    }
}
