package org.tradeoffs.query.consistency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tracking processors whose views a controller's reads answer from. A read with {@code minPosition} waits for
 * these and for the directory (which decides who may read) to reach the position, not for every processor: a
 * processor that batches its events longer (the audit chain, the provenance index) then delays only the reads of its
 * own views. A controller without it waits for every processor.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsFrom {

    /** Processing group names. */
    String[] value();
}
