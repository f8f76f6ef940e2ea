package org.tradeoffs.query.problem;

/**
 * A request parameter read outside Spring MVC's binding has a wrong value. Answered like a binding
 * error: 400 {@code validation-failed} with the field in {@code errors}.
 */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
