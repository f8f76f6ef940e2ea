package org.tradeoffs.eventstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of the embedded store's data directory numbered in order, {@code <prefix><n><suffix>}: journals, images. */
record NumberedFiles(String prefix, String suffix) {

    static final NumberedFiles JOURNALS = new NumberedFiles("journal-", ".log");
    static final NumberedFiles IMAGES = new NumberedFiles("image-", ".bin");

    /** The numbers of such files in the directory, in order. */
    List<Long> numbers(Path directory) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.map(path -> path.getFileName().toString())
                    .filter(this::names)
                    .map(name -> Long.parseLong(name.substring(prefix.length(), name.length() - suffix.length())))
                    .sorted()
                    .toList();
        }
    }

    /** Whether the file name is one of these: the prefix, a number, the suffix. */
    boolean names(String name) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length()) {
            return false;
        }
        return name.substring(prefix.length(), name.length() - suffix.length()).chars().allMatch(Character::isDigit);
    }

    Path path(Path directory, long number) {
        return directory.resolve(prefix + number + suffix);
    }

    /** Deletes such files numbered below {@code number}. */
    void deleteBefore(Path directory, long number) throws IOException {
        for (long old : numbers(directory)) {
            if (old < number) {
                Files.deleteIfExists(path(directory, old));
            }
        }
    }
}
