package org.tradeoffs.query.savings;

import java.time.Instant;

/** When and as which opportunity version and global position a change was made. */
record Stamp(long version, long position, Instant time) {
}
