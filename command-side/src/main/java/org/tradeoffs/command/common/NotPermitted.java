package org.tradeoffs.command.common;

/** The actor's roles do not allow this command (403). */
public class NotPermitted extends RuleViolation {
    public NotPermitted(String message) {
        super("forbidden", message);
    }
}
