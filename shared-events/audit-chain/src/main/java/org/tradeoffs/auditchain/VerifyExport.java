package org.tradeoffs.auditchain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The offline verifier: {@code java -jar audit-chain-<version>-verifier.jar FILE [--digest POSITION:HASH]}
 * (or {@code ./run.sh verify-export ...}). Exit status 0 when the export is intact (and extends the digest),
 * 1 when it is not, printing the first bad position, 2 for a usage or file error.
 */
public final class VerifyExport {

    static final int INTACT = 0;
    static final int NOT_INTACT = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT = "usage: verify-export FILE [--digest POSITION:HASH]";

    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        Digest digest = null;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--digest") && i + 1 < args.length) {
                    digest = Digest.parse(args[++i]);
                } else if (args[i].startsWith("--digest=")) {
                    digest = Digest.parse(args[i].substring("--digest=".length()));
                } else if (args[i].startsWith("-") || file != null) {
                    err.println(USAGE_TEXT);
                    return USAGE;
                } else {
                    file = Path.of(args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (file == null) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        ExportVerifier.Verification verification;
        // bytes that are no UTF-8 read as U+FFFD (not an error): such a line then fails its hash, at its position
        try (BufferedReader export = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            verification = ExportVerifier.verify(export, digest);
        } catch (NoSuchFileException e) {
            err.println("no such file: " + file);
            return USAGE;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return USAGE;
        }
        if (verification.intact()) {
            out.println("INTACT: " + verification.checked() + " events, head " + verification.head()
                    + (digest == null ? "" : "; extends the digest " + digest));
            return INTACT;
        }
        out.println("NOT INTACT: " + (verification.firstBadPosition() == null ? ""
                : "first bad position " + verification.firstBadPosition() + ": ") + verification.problem());
        return NOT_INTACT;
    }
}
