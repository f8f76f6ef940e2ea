package org.tradeoffs.command.district;

import org.tradeoffs.command.common.RuleViolation;

/**
 * The district's members or roles changed while a request was being checked, and the checks now answer differently:
 * nothing was stored; sending the request again decides it on the current roles (409).
 */
public class RolesChanged extends RuleViolation {
    public RolesChanged() {
        super("roles-changed", "The district's members or roles changed while this request was checked; nothing was "
                + "stored, send it again");
    }
}
