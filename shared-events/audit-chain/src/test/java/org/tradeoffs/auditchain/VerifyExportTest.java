package org.tradeoffs.auditchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command an auditor runs: {@code verify-export FILE [--digest POSITION:HASH]}. */
class VerifyExportTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anIntactExportExitsZeroAndPrintsTheHead() throws IOException {
        List<String> lines = ExportVerifierTest.export();
        Path file = write(lines);

        assertThat(run(file.toString())).isEqualTo(0);
        assertThat(out()).startsWith("INTACT: 5 events, head 21:" + ExportVerifierTest.hashOf(lines, 4));
    }

    @Test
    void aChangedByteExitsNonZeroAndPrintsTheFirstBadPosition() throws IOException {
        List<String> lines = ExportVerifierTest.export();
        lines.set(3, lines.get(3).replace("Coaches", "Coacher"));
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(run(Files.write(directory.resolve("export.jsonl"), bytes).toString())).isEqualTo(1);
        assertThat(out()).startsWith("NOT INTACT: first bad position 15: ");
    }

    @Test
    void aByteThatBreaksTheUtf8OfALineIsReportedAtThatLine() throws IOException {
        List<String> lines = ExportVerifierTest.export();
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int guillemet = text.indexOf("«", text.indexOf("\"position\":15"));
        int offset = new String(text.substring(0, guillemet)).getBytes(StandardCharsets.UTF_8).length;
        bytes[offset + 1] = (byte) 0xFF;

        assertThat(run(Files.write(directory.resolve("export.jsonl"), bytes).toString())).isEqualTo(1);
        assertThat(out()).startsWith("NOT INTACT: first bad position 15: ");
    }

    @Test
    void theDigestOptionChecksThatTheLogExtendsIt() throws IOException {
        List<String> lines = ExportVerifierTest.export();
        Path file = write(lines);
        String kept = "8:" + ExportVerifierTest.hashOf(lines, 2);
        String other = "8:" + ExportVerifierTest.hashOf(lines, 3);

        assertThat(run(file.toString(), "--digest", kept)).isEqualTo(0);
        assertThat(out()).contains("extends the digest " + kept);
        assertThat(run(file.toString(), "--digest=" + other)).isEqualTo(1);
        assertThat(out()).contains("first bad position 8").contains("does not extend the digest");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path file = write(ExportVerifierTest.export());

        assertThat(run()).isEqualTo(2);
        assertThat(run(file.toString(), "--digest", "nonsense")).isEqualTo(2);
        assertThat(run(file.toString(), "--digest", "8:ABC")).isEqualTo(2);
        assertThat(run(directory.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(run(file.toString(), "--verbose")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: verify-export FILE [--digest POSITION:HASH]")
                .contains("no such file");
    }

    private Path write(List<String> lines) throws IOException {
        return Files.writeString(directory.resolve("export.jsonl"), String.join("\n", lines) + "\n");
    }

    private int run(String... args) {
        out.reset();
        return VerifyExport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
