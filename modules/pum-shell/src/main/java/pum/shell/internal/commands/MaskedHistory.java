package pum.shell.internal.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;
import pum.core.Secrets;

/**
 * The shell's history with every password replaced by {@code ***} before it is kept, in memory
 * and in the history file: a line recalled with the arrow keys needs its password typed again,
 * but no password is ever written to disk. Lines read from an older history file are masked too,
 * and that file rewritten.
 */
final class MaskedHistory extends DefaultHistory {
    private final Path file;
    private boolean olderPasswordsFound;

    /** The history kept in this file. */
    MaskedHistory(Path file) {
        this.file = file;
    }

    @Override
    public void add(Instant time, String line) {
        super.add(time, Secrets.mask(line));
    }

    @Override
    protected void addHistoryLine(Path path, String line, boolean checkDuplicates) {
        String masked = maskStoredLine(line);
        olderPasswordsFound |= !masked.equals(line);
        super.addHistoryLine(path, masked, checkDuplicates);
    }

    /** A file written before masking existed is rewritten at once without its passwords. */
    @Override
    public void load() throws IOException {
        olderPasswordsFound = false;
        super.load();
        if (olderPasswordsFound && file != null) {
            write(file, false);
        }
    }

    /** A stored line is {@code epochMillis:text} (with jline's escapes); the text part is masked. */
    private static String maskStoredLine(String line) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).chars().allMatch(Character::isDigit)) {
            return line.substring(0, colon + 1) + Secrets.mask(line.substring(colon + 1));
        }
        return Secrets.mask(line);
    }
}
