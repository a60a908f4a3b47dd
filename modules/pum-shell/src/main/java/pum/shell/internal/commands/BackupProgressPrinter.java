package pum.shell.internal.commands;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;
import java.util.List;
import java.util.Locale;
import pum.backup.BackupException;
import pum.backup.BackupProgress;
import pum.shell.internal.Session;

/**
 * Shows a running dump or restore: on a terminal one line redrawn in place (objects done out of
 * total, bytes, elapsed time, current object); otherwise, for scripts and logs, a plain line now
 * and then, so a long job shows it is alive without flooding the log.
 */
final class BackupProgressPrinter implements BackupProgress.Listener {
    /** A terminal line is not drawn for jobs shorter than this, so quick ones do not flicker. */
    private static final Duration TERMINAL_DELAY = Duration.ofMillis(700);
    private static final long TERMINAL_REDRAW_NANOS = 100_000_000L;
    /** Between two plain log lines. */
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final PrintStream err;
    private final boolean terminal;
    private final int width;
    private boolean drawn;
    private long lastDraw;
    private Duration lastLog = Duration.ZERO;

    private BackupProgressPrinter(PrintStream err, boolean terminal, int width) {
        this.err = err;
        this.terminal = terminal;
        this.width = width;
    }

    /** For a session: redrawn lines only when standard error is the process's and there is a terminal. */
    static BackupProgressPrinter forSession(Session session) {
        boolean terminal = System.console() != null && session.err() == System.err && !"dumb".equals(System.getenv("TERM"));
        int width = 80;
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{2,4}")) {
            width = Integer.parseInt(columns);
        }
        return new BackupProgressPrinter(session.err(), terminal, width);
    }

    /**
     * Runs a dump or restore with a progress line for the session; on failure, the line is
     * cleared and the tool's own messages are printed before the error propagates.
     */
    static <T> T during(Session session, Function<BackupProgress.Listener, T> operation) {
        BackupProgressPrinter progress = forSession(session);
        try {
            return operation.apply(progress);
        } catch (BackupException e) {
            progress.clear();
            printToolOutput(e, session.err(), session.verbose());
            throw e;
        } finally {
            progress.clear();
        }
    }

    @Override
    public void progress(BackupProgress p) {
        if (terminal) {
            if (p.finished()) {
                clear();
                return;
            }
            long now = System.nanoTime();
            if (p.elapsed().compareTo(TERMINAL_DELAY) < 0 || (drawn && now - lastDraw < TERMINAL_REDRAW_NANOS)) {
                return;
            }
            String line = describe(p);
            if (line.length() > width - 1) {
                line = line.substring(0, Math.max(0, width - 2)) + "…";
            }
            err.print("\r" + line + "\033[K");
            err.flush();
            drawn = true;
            lastDraw = now;
        } else if (!p.finished() && p.elapsed().minus(lastLog).compareTo(LOG_INTERVAL) >= 0) {
            err.println("pum: " + describe(p));
            lastLog = p.elapsed();
        }
    }

    /** Removes a drawn progress line, before anything else is printed. */
    void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    /** {@code dumping: 3/10 tables, 12.3 MB, 0:05, table "a.t"}; {@code restoring: 4/9 objects, 1.0 MB of 2.0 MB read, 0:03}. */
    static String describe(BackupProgress p) {
        boolean dump = p.operation() == BackupProgress.Operation.DUMP;
        StringBuilder sb = new StringBuilder(dump ? "dumping: " : "restoring: ");
        sb.append(p.done());
        if (p.total() >= 0) {
            sb.append('/').append(p.total());
        }
        sb.append(dump ? " tables" : " objects");
        if (dump) {
            sb.append(", ").append(size(p.bytes()));
        } else if (p.bytes() > 0 && p.fileBytes() > 0) {
            sb.append(", ").append(size(p.bytes())).append(" of ").append(size(p.fileBytes())).append(" read");
        }
        sb.append(", ").append(elapsed(p.elapsed()));
        if (!p.current().isEmpty()) {
            sb.append(", ").append(p.current());
        }
        return sb.toString();
    }

    /** {@code 0:05} or {@code 1:02:03}. */
    static String elapsed(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** {@code 12.3 MB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A duration for a summary line: {@code 1.2 s}. */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /**
     * Prints what pg_dump or pg_restore said about a failure, above pum's one-line error: all of it
     * with --verbose, else the first {@value #TOOL_LINES} lines.
     */
    static void printToolOutput(BackupException e, PrintStream err, boolean verbose) {
        List<String> lines = e.toolOutput();
        int shown = verbose ? lines.size() : Math.min(lines.size(), TOOL_LINES);
        for (int i = 0; i < shown; i++) {
            err.println("  " + lines.get(i));
        }
        if (shown < lines.size()) {
            err.println("  ... " + (lines.size() - shown) + " more lines (--verbose shows them all)");
        }
    }

    /** How many lines of a tool's messages are shown without --verbose. */
    static final int TOOL_LINES = 60;
}
