package org.tradeoffs.command.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request object that admits no fields but its own (its schema's {@code additionalProperties: false}): an unknown
 * field is refused with 400, where the other request objects ignore it (see {@link StrictRequests}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClosedObject {
}
