package org.tradeoffs.command.input;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Themes as stored: trimmed, and each once regardless of case (the first spelling wins). */
final class Themes {

    private Themes() {
    }

    static String key(String theme) {
        return theme.strip().toLowerCase(Locale.ROOT);
    }

    /** The given themes, trimmed, without blanks and without those already in {@code known} (keys). */
    static List<String> newOnes(List<String> themes, Collection<String> known) {
        Map<String, String> fresh = new LinkedHashMap<>();
        for (String theme : themes) {
            String trimmed = theme.strip();
            if (!trimmed.isEmpty() && !known.contains(key(trimmed))) {
                fresh.putIfAbsent(key(trimmed), trimmed);
            }
        }
        return new ArrayList<>(fresh.values());
    }
}
