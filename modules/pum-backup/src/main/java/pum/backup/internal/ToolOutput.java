package pum.backup.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what pg_dump or pg_restore print on standard error with {@code --verbose}
 * (English messages: see {@link ToolProcess#cleanEnvironment}): progress lines are counted, the
 * rest (errors, warnings, the statements that failed) is kept for the user.
 */
public final class ToolOutput {
    private static final Pattern DUMP_TABLE = Pattern.compile("^pg_dump: dumping contents of table (.*)$");
    /** Lines pg_dump prints while reading the catalog: only noise for a user. */
    private static final Pattern DUMP_NOISE = Pattern.compile("^pg_dump: (?!error:|warning:|detail:|hint:|fatal:).*");
    /** One line per table-of-contents entry, as pg_restore's archiver prints them. */
    private static final Pattern RESTORE_ENTRY = Pattern.compile("^pg_restore: (creating|executing|processing data for table|processing) (.*)$");
    private static final Pattern RESTORE_NOISE = Pattern.compile("^pg_restore: (connecting to database for restore|implied data-only restore)$");
    private static final Pattern RESTORE_ERROR = Pattern.compile("^pg_restore: error: (?:could not execute query: )?(.*)$");
    private static final Pattern IGNORED = Pattern.compile("^pg_restore: warning: errors ignored on restore: (\\d+)$");

    private final boolean restore;
    private final List<String> kept = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int done;
    private String current = "";
    private int ignoredCount = -1;
    private boolean awaitingCommand;

    private ToolOutput(boolean restore) {
        this.restore = restore;
    }

    /** For pg_dump's output. */
    public static ToolOutput dump() {
        return new ToolOutput(false);
    }

    /** For pg_restore's output. */
    public static ToolOutput restore() {
        return new ToolOutput(true);
    }

    /** Takes one line; returns whether it was a progress line. */
    public boolean accept(String line) {
        if (restore) {
            return acceptRestore(line);
        }
        Matcher m = DUMP_TABLE.matcher(line);
        if (m.matches()) {
            done++;
            current = "table " + m.group(1);
            return true;
        }
        if (!DUMP_NOISE.matcher(line).matches() && !line.isBlank()) {
            kept.add(line);
        }
        return false;
    }

    private boolean acceptRestore(String line) {
        Matcher m = RESTORE_ENTRY.matcher(line);
        if (m.matches()) {
            done++;
            current = m.group(1).equals("processing data for table") ? "data of table " + m.group(2) : m.group(2);
            awaitingCommand = false;
            return true;
        }
        if (RESTORE_NOISE.matcher(line).matches()) {
            return false;
        }
        Matcher ignored = IGNORED.matcher(line);
        if (ignored.matches()) {
            ignoredCount = Integer.parseInt(ignored.group(1));
            return false;
        }
        if (!line.isBlank()) {
            kept.add(line);
        }
        Matcher e = RESTORE_ERROR.matcher(line);
        if (e.matches()) {
            errors.add(e.group(1).replaceFirst("^ERROR:\\s+", "").trim());
            awaitingCommand = true;
        } else if (awaitingCommand && line.startsWith("Command was: ") && !errors.isEmpty()) {
            int last = errors.size() - 1;
            errors.set(last, errors.get(last) + " (" + line.substring("Command was: ".length()).trim() + ")");
            awaitingCommand = false;
        }
        return false;
    }

    /** Objects done so far: tables dumped, or entries restored. */
    public int done() {
        return done;
    }

    /** What the tool works on now, or an empty string. */
    public String current() {
        return current;
    }

    /** Every line that was neither progress nor noise: what to show a user when it failed. */
    public List<String> kept() {
        return List.copyOf(kept);
    }

    /** One line per failed statement, {@code message (first line of the command)}. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /**
     * The count from pg_restore's closing {@code errors ignored on restore: N}, or -1 when it did
     * not print it (then it stopped early on a fatal error rather than finishing with failed statements).
     */
    public int ignoredCount() {
        return ignoredCount;
    }
}
