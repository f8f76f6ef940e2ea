package org.tradeoffs.events.savings;

import java.math.BigDecimal;
import java.util.List;

/**
 * Step 4: an ROI analyst or the design team sized the opportunity. The server computed {@code low}
 * and {@code high} (annual USD) from the drivers' figures recorded in the adjustments; the latest
 * sizing is the current estimate, earlier ones remain its history.
 *
 * @param ease ease of implementation, 1 (hard) to 5 (easy)
 */
public record OpportunitySized(String opportunityId, String cycleId, String districtId, String sizingId,
                               List<DriverAdjustment> adjustments, BigDecimal low, BigDecimal high, int ease,
                               String notes, String actor)
        implements OpportunityEvent {
}
