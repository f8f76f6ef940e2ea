package org.tradeoffs.command.common;

/**
 * A field breaks a shape rule that only the aggregate can check, because it depends on other fields
 * or on the item's state (400 validation-failed, with the field named in {@code errors}).
 */
public class InvalidField extends RuleViolation {

    private final String field;
    private final String reason;

    public InvalidField(String field, String reason) {
        super("validation-failed", field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
