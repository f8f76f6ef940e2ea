package org.tradeoffs.query.tradeoffs;

import java.time.Instant;

/** When and as which package version and global position a change was made. */
record Stamp(long version, long position, Instant time) {
}
