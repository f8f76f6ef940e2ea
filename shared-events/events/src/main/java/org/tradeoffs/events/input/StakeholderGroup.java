package org.tradeoffs.events.input;

/** Who the input came from. */
public enum StakeholderGroup {
    PARENTS, TEACHERS, CLASSIFIED_STAFF, STUDENTS, COMMUNITY, BOARD, LABOR_PARTNER
}
