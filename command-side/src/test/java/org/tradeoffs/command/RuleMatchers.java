package org.tradeoffs.command;

import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.tradeoffs.command.common.InvalidField;
import org.tradeoffs.command.common.RuleViolation;
import org.tradeoffs.command.savings.OverCommitted;

import java.util.Map;

import static org.hamcrest.Matchers.is;

/** Matchers for the exceptions fixture tests expect. */
public final class RuleMatchers {

    private RuleMatchers() {
    }

    /** A rule violation with this problem code. */
    public static Matcher<RuleViolation> breaking(String code) {
        return new FeatureMatcher<>(is(code), "rule violation with code", "code") {
            @Override
            protected String featureValueOf(RuleViolation violation) {
                return violation.code();
            }
        };
    }

    /** A 400 naming this field. */
    public static Matcher<InvalidField> invalid(String field) {
        return new FeatureMatcher<>(is(field), "invalid field", "field") {
            @Override
            protected String featureValueOf(InvalidField invalid) {
                return invalid.field();
            }
        };
    }

    /** The over-committed refusal, with its numbers as the problem shows them. */
    public static Matcher<OverCommitted> overCommitted(Map<String, Object> numbers) {
        return new FeatureMatcher<>(is(numbers), "over-committed with numbers", "numbers") {
            @Override
            protected Map<String, Object> featureValueOf(OverCommitted violation) {
                return violation.numbers();
            }
        };
    }
}
