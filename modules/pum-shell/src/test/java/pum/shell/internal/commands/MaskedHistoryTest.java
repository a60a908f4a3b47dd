package pum.shell.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell's history file never holds a password, whatever form it was typed in. */
class MaskedHistoryTest {
    @TempDir
    Path dir;

    @Test
    void passwordsAreMaskedInTheHistoryFileAndInMemory() throws Exception {
        Path file = dir.resolve("history");
        // a history file written before masking existed
        Files.writeString(file, "1700000000000:ping -p postgresql://old:Old5ecret@h/d\n");
        List<String> typed = List.of(
                "ping -p postgresql://app:S3cr3t@db1/qwat",
                "ping -p 'postgresql://app:my S3cr3t@db1/qwat'",
                "ping -p postgresql://app:S3cr3t@[::1:5432/db",
                "ping -p postgresq://app:S3cr3t@db1/qwat",
                "ping -p postgresql://app:p@S3cr3t@db1/qwat",
                "ping -p \"host=db1 PASSWORD=S3cr3t\"",
                "ping -p \"host=db1 password='my S3cr3t'\"",
                "info -p postgresql://db1/q?password=S3cr3t -t a.b");
        try (Terminal terminal = TerminalBuilder.builder().dumb(true).system(false)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build()) {
            MaskedHistory history = new MaskedHistory(file);
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).variable(LineReader.HISTORY_FILE, file)
                    .history(history).build();
            history.attach(reader);
            assertFalse(Files.readString(file).contains("Old5ecret"), "an older file is rewritten when read: " + Files.readString(file));
            for (String line : typed) {
                history.add(Instant.now(), line);
            }
            history.save();
            for (int i = history.first(); i <= history.last(); i++) {
                assertFalse(history.get(i).contains("S3cr3t") || history.get(i).contains("5ecret"), history.get(i));
            }
            assertEquals(typed.size() + 1, history.size());
        }
        String stored = Files.readString(file);
        assertFalse(stored.contains("S3cr3t") || stored.contains("Old5ecret"), stored);
        assertTrue(stored.contains("ping -p postgresql://app:***@db1/qwat"), stored);
    }
}
