package pum.shell.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** info's "applied at" column, written out by hand, is what the pattern it replaces prints. */
class InfoTimeTest {
    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void writesWhatThePatternPrints() {
        for (LocalDateTime t : new LocalDateTime[] {
            LocalDateTime.of(2026, 12, 2, 6, 15, 7), LocalDateTime.of(1, 1, 1, 0, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
            LocalDateTime.of(1999, 9, 9, 9, 9, 9, 500), LocalDateTime.of(10000, 1, 1, 0, 0), LocalDateTime.of(0, 6, 15, 12, 30),
            LocalDateTime.of(-44, 3, 15, 10, 0)}) {
            assertEquals(PATTERN.format(t), InfoCommand.when(t), t.toString());
        }
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        for (int i = 0; i < 2000; i++, t = t.plusSeconds(86_400L * 3 + 3_661)) {
            assertEquals(PATTERN.format(t), InfoCommand.when(t), t.toString());
        }
    }
}
