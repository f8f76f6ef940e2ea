package org.tradeoffs.query.audit;

/**
 * The answer of {@code GET /api/districts/{districtId}/audit/verify}.
 *
 * @param intact           every sealed event is still stored as it was sealed, in its place in the chain
 * @param checked          how many sealed events were recomputed and found intact before the first bad one (all
 *                         of them when intact)
 * @param firstBadPosition the global position of the first sealed event that no longer verifies; null when intact
 * @param reason           what is wrong there; null when intact
 * @param head             the chain's head as sealed: what an auditor keeps as a digest
 * @param unsealed         how many of the district's events are stored after its highest sealed position (up to the
 *                         position verified): the sealer seals each a moment after it is stored, so a number that
 *                         stays above zero means events that {@code intact} does not vouch for (the sealer stopped
 *                         or stuck); null when not intact
 */
public record AuditVerification(boolean intact, long checked, Long firstBadPosition, String reason, Head head,
        Long unsealed) {

    /** The position and hash of the last sealed event; position 0 and 64 zeros before the first. */
    public record Head(long position, String hash) {
    }
}
