package org.tradeoffs.command.common;

/**
 * A command broke a rule and stored nothing. The {@code code} is stable: clients and the contract
 * rely on it. Subclasses name the rule; the web layer maps them to problem+json.
 */
public abstract class RuleViolation extends RuntimeException {

    private final String code;

    protected RuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
