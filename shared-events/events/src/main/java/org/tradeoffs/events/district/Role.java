package org.tradeoffs.events.district;

/** What a person does in a district's Smarter School Spending work. A person may hold several. */
public enum Role {
    /** Sets priorities, decides, presents to the board. */
    STEERING_COMMITTEE,
    /** Coordinates, gathers input, analyses and drafts. */
    DESIGN_TEAM,
    /** Sizes savings, deep dives, monitors progress. */
    ROI_ANALYST,
    /** Reads and replays everything in the district, writes nothing. */
    AUDITOR
}
