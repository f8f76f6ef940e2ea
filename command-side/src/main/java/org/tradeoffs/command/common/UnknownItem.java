package org.tradeoffs.command.common;

/** The command names a district, cycle or priority that does not exist (404). */
public class UnknownItem extends RuleViolation {
    public UnknownItem(String message) {
        super("not-found", message);
    }
}
