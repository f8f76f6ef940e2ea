package org.tradeoffs.auditchain;

/** One line of an audit export (JSON Lines): a sealed event, or the head that closes the file. */
public sealed interface ExportLine {

    /**
     * A sealed event: its record and the chain's hashes around it.
     *
     * @param previousHash the hash of the line before (64 zeros for the first)
     * @param hash         the hash sealed for this event
     */
    record Event(AuditRecord record, String previousHash, String hash) implements ExportLine {
    }

    /**
     * The last line: the chain's head when the export was made.
     *
     * @param position the position of the last sealed event (0 when none)
     * @param hash     the hash of the last sealed event (64 zeros when none)
     * @param count    how many events are sealed
     */
    record Head(long position, String hash, long count) implements ExportLine {
    }
}
