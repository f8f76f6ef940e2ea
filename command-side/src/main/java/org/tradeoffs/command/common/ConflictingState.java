package org.tradeoffs.command.common;

/** The item's state does not allow the command, e.g. revising a decided priority (409). */
public class ConflictingState extends RuleViolation {
    public ConflictingState(String code, String message) {
        super(code, message);
    }
}
