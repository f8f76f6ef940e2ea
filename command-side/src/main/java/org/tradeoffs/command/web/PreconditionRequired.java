package org.tradeoffs.command.web;

import org.tradeoffs.command.common.RuleViolation;

/** A write that must name the version it changes came without {@code If-Match} (428). */
public class PreconditionRequired extends RuleViolation {
    public PreconditionRequired(String message) {
        super("precondition-required", message);
    }
}
