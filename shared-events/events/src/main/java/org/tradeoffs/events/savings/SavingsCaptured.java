package org.tradeoffs.events.savings;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Step 5: savings actually captured (exact USD), to compare with the estimate. */
public record SavingsCaptured(String opportunityId, String cycleId, String districtId, String captureId,
                              BigDecimal amount, LocalDate capturedOn, String note, String actor)
        implements OpportunityEvent {
}
