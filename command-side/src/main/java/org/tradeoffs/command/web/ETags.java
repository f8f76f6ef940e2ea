package org.tradeoffs.command.web;

import org.tradeoffs.command.common.InvalidField;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Versions as HTTP entity tags: {@code "3"} (a weak {@code W/"3"} is accepted too). */
public final class ETags {

    /** A version's tag, weak or not, quoted or not; at most 18 digits (a long). */
    private static final Pattern VERSION = Pattern.compile("(?:W/)?(\"?)([0-9]{1,18})\\1");

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names; null when the header is absent. A header that names no version
     * (another tag, {@code *}, a list) is refused as an invalid field: nothing here could tell what it means to check.
     */
    public static Long versionOf(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Matcher tag = VERSION.matcher(ifMatch.strip());
        if (!tag.matches()) {
            throw new InvalidField("If-Match", "must name the version you last saw as its ETag, e.g. \"3\"");
        }
        return Long.parseLong(tag.group(2));
    }
}
