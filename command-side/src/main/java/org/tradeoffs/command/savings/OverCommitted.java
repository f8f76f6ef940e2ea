package org.tradeoffs.command.savings;

import org.tradeoffs.command.common.ConflictingState;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Funding asked of an opportunity exceeds what is left of its current high estimate (409 over-committed).
 * Carries the numbers, so the client can show how much is still available.
 */
public class OverCommitted extends ConflictingState {

    private final String opportunityId;
    private final int number;
    private final BigDecimal high;
    private final BigDecimal committed;
    private final BigDecimal requested;

    public OverCommitted(String opportunityId, int number, BigDecimal high, BigDecimal committed,
                         BigDecimal requested) {
        super("over-committed", "Opportunity #" + number + " can fund at most " + shown(high.subtract(committed))
                + " more: its high estimate is " + shown(high) + " and " + shown(committed)
                + " is committed to approved packages; " + shown(requested) + " was asked");
        this.opportunityId = opportunityId;
        this.number = number;
        this.high = high;
        this.committed = committed;
        this.requested = requested;
    }

    public String opportunityId() {
        return opportunityId;
    }

    public BigDecimal available() {
        return high.subtract(committed);
    }

    /** The figures as problem properties; amounts as strings with at least two decimals, like every view. */
    public Map<String, Object> numbers() {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("opportunityId", opportunityId);
        numbers.put("number", number);
        numbers.put("high", shown(high));
        numbers.put("committed", shown(committed));
        numbers.put("available", shown(available()));
        numbers.put("requested", shown(requested));
        return numbers;
    }

    private static String shown(BigDecimal amount) {
        return SavingsEstimate.shown(amount).toPlainString();
    }
}
