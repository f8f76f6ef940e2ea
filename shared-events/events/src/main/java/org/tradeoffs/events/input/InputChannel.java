package org.tradeoffs.events.input;

/** How the input was gathered. */
public enum InputChannel {
    SURVEY, TOWN_HALL, FOCUS_GROUP, PUBLIC_COMMENT, EMAIL, OTHER
}
