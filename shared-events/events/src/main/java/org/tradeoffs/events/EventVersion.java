package org.tradeoffs.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema version of a stored event type. Absent means version 1. A breaking change to an
 * event's stored shape bumps the version and adds an upcaster from the previous one; old
 * versions stay readable forever.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventVersion {
    int value();
}
