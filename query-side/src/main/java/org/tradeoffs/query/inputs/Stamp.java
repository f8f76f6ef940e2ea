package org.tradeoffs.query.inputs;

import java.time.Instant;

/** When and as which input version and global position a change was made. */
record Stamp(long version, long position, Instant time) {
}
