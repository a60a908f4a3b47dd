package pum.shell.internal.commands;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import pum.delta.AppliedDelta;
import pum.delta.DeltaSet;
import pum.delta.DeltaState;
import pum.delta.DeltaStatus;
import pum.delta.Status;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;

/** {@code pum info}: every delta file and upgrades-table row with its state. */
public final class InfoCommand implements Command {
    /**
     * {@code yyyy-MM-dd HH:mm:ss}, written out for years 1 to 9999: with 10,000 rows, the
     * formatter's first use (its classes, the pattern) and its per-row cost showed in info's time.
     */
    static String when(java.time.LocalDateTime t) {
        int y = t.getYear();
        if (y < 1 || y > 9999) {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(t);
        }
        char[] c = {(char) ('0' + y / 1000), (char) ('0' + y / 100 % 10), (char) ('0' + y / 10 % 10), (char) ('0' + y % 10), '-',
            0, 0, '-', 0, 0, ' ', 0, 0, ':', 0, 0, ':', 0, 0};
        two(c, 5, t.getMonthValue());
        two(c, 8, t.getDayOfMonth());
        two(c, 11, t.getHour());
        two(c, 14, t.getMinute());
        two(c, 17, t.getSecond());
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static void spaces(StringBuilder b, int n) {
        for (int i = 0; i < n; i++) {
            b.append(' ');
        }
    }
    static final Opt JSON = Opt.flag("Print JSON for scripts.", "--json");

    private final Session session;

    /** Made by the composition root. */
    public InfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "Show the current version and the state of every delta file.";
    }

    @Override
    public String description() {
        return """
                Shows the database's current version and every delta file with its state: applied, pending,
                failed, changed (edited since applied), missing (applied, file gone), skipped (older than the
                current version); with when, by whom and how long it took. See docs/deltas.md.""";
    }

    @Override
    public List<Opt> options() {
        return DeltaOptions.with(JSON);
    }

    @Override
    public int run(Args args) {
        DeltaOptions delta = DeltaOptions.from(args);
        boolean json = args.has(JSON.key());
        UpgradesTable table = delta.table(session);
        // connecting and reading the files overlap: both are a visible part of info's time
        session.openAhead(delta.database);
        DeltaSet deltas = delta.scan(session, false);
        deltas.prefetch();
        Status status = Upgrader.status(session.connection(delta.database), table, deltas);
        String running = status.inState(DeltaState.INTERRUPTED).isEmpty() ? null
                : Upgrader.upgradeInProgress(session.connection(delta.database), table);
        if (json) {
            printJson(status, deltas, table, session.out());
        } else {
            printText(status, deltas, table, session.out());
            if (running != null) {
                session.out().println("an upgrade is running now (its lock is " + running + "): an \"interrupted\" file above may still be in progress");
            }
        }
        return 0;
    }

    /** The file column: its name, or with several directories the path of a pre-all/post-all file (every directory may have one). */
    private static String file(DeltaStatus s, DeltaSet deltas) {
        if (s.file() != null && s.file().isAll() && deltas.dirs().size() > 1) {
            return s.file().path().toString();
        }
        return s.name();
    }

    private static void printText(Status status, DeltaSet deltas, UpgradesTable table, PrintStream out) {
        out.println("current version: " + (status.current() == null ? "(none: no baseline)" : status.current()) + " (" + table + ")");
        int pending = status.inState(DeltaState.PENDING).size();
        int stuck = status.inState(DeltaState.INTERRUPTED).size() + status.inState(DeltaState.FAILED).size();
        out.println((pending == 0 ? "nothing pending" : pending + " pending file" + (pending == 1 ? "" : "s"))
                + (stuck == 0 ? "" : "; " + stuck + " failed or interrupted (see below)"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"version", "kind", "file", "state", "applied at", "by", "ms"});
        for (DeltaStatus s : status.entries()) {
            AppliedDelta r = s.row();
            rows.add(new String[] {s.version(), s.kind(), file(s, deltas), s.state().label(),
                    r == null || r.installedOn() == null ? "" : when(r.installedOn()),
                    r == null ? "" : r.installedBy(), r == null ? "" : Integer.toString(r.executionTime())});
        }
        for (DeltaSet.Skipped n : deltas.notDeltas()) {
            rows.add(new String[] {"", "", deltas.dirs().size() > 1 ? n.path().toString() : n.path().getFileName().toString(),
                    "not a delta", "", "", ""});
        }
        int[] w = new int[7];
        for (String[] row : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        // one buffer, padded by hand: String.format per cell was most of info's time at 10,000 deltas
        StringBuilder all = new StringBuilder(rows.size() * 96);
        for (String[] row : rows) {
            int start = all.length();
            for (int i = 0; i < w.length; i++) {
                if (i == w.length - 1) {
                    spaces(all, w[i] - row[i].length());
                    all.append(row[i]);
                } else {
                    all.append(row[i]);
                    spaces(all, w[i] - row[i].length() + 2);
                }
            }
            int end = all.length();
            while (end > start && all.charAt(end - 1) == ' ') {
                end--;
            }
            all.setLength(end);
            all.append(System.lineSeparator());
        }
        out.print(all);
        for (DeltaStatus s : status.entries()) {
            String note = note(s);
            if (note != null) {
                out.println(note);
            }
        }
        if (!deltas.notDeltas().isEmpty()) {
            out.println();
            out.println("not deltas (skipped, as PUM 0.x skipped them; strict_names: true makes them errors):");
            for (DeltaSet.Skipped n : deltas.notDeltas()) {
                out.println("  " + n.path() + ": " + n.reason());
            }
        }
    }

    /** What a user must know about a failed or interrupted entry, and what pum upgrade will do with it. */
    static String note(DeltaStatus s) {
        AppliedDelta r = s.row();
        if (r == null || (s.state() != DeltaState.INTERRUPTED && s.state() != DeltaState.FAILED)) {
            return null;
        }
        String name = s.name();
        if (s.file() != null && s.file().isAll()) {
            return name + ": " + (s.state() == DeltaState.FAILED ? "its last run failed" : "the last upgrade stopped before it finished")
                    + " (" + (r.installedOn() == null ? "" : when(r.installedOn())) + "): the next pum upgrade runs pre-all and post-all again";
        }
        AppliedDelta.Journal j = r.journal();
        if (s.state() == DeltaState.FAILED) {
            return name + ": failed" + (j.statements() > 0 ? " at statement " + (j.done() + 1) + " of " + j.statements()
                    + " (statements 1 to " + j.done() + " stay applied)" : "") + "; pum upgrade --retry-failed runs it again from the start";
        }
        if (j.statements() == 0) {
            return name + ": interrupted: it started and did not finish; pum upgrade --rerun-interrupted runs it again";
        }
        if ("interrupted".equals(j.state())) {
            return name + ": interrupted after statement " + j.done() + " of " + j.statements() + " (stopped by a signal, recorded exactly);"
                    + " pum upgrade --resume-at " + (j.done() + 1) + " goes on, --rerun-interrupted starts it again";
        }
        return name + ": interrupted after statement " + j.done() + " of " + j.statements() + "; statement " + (j.done() + 1)
                + " may or may not have completed (pum stopped while it ran); pum upgrade refuses to go on until told:"
                + " --resume-at " + (j.done() + 1) + " runs it again, --resume-at " + (j.done() + 2) + " skips it, --rerun-interrupted starts from the top";
    }

    private static void printJson(Status status, DeltaSet deltas, UpgradesTable table, PrintStream out) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"upgrades_table\": ").append(str(table.toString()))
                .append(", \"current_version\": ").append(status.current() == null ? "null" : str(status.current().toString()))
                .append(", \"deltas\": [");
        boolean first = true;
        for (DeltaStatus s : status.entries()) {
            AppliedDelta r = s.row();
            sb.append(first ? "\n  " : ",\n  ");
            first = false;
            sb.append("{\"version\": ").append(s.version().isEmpty() ? "null" : str(s.version()))
                    .append(", \"kind\": ").append(str(s.kind()))
                    .append(", \"file\": ").append(s.file() == null ? (s.name().isEmpty() ? "null" : str(s.name())) : str(s.file().path().toString()))
                    .append(", \"state\": ").append(str(s.state().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(", \"applied_at\": ").append(r == null || r.installedOn() == null ? "null" : str(r.installedOn().toString()))
                    .append(", \"applied_by\": ").append(r == null ? "null" : str(r.installedBy()))
                    .append(", \"execution_ms\": ").append(r == null ? "null" : Integer.toString(r.executionTime()))
                    .append(", \"checksum\": ").append(r == null ? "null" : str(r.checksum()))
                    .append(", \"statements_done\": ").append(r == null || r.journal().statements() == 0 ? "null" : Integer.toString(r.journal().done()))
                    .append(", \"statements\": ").append(r == null || r.journal().statements() == 0 ? "null" : Integer.toString(r.journal().statements()))
                    .append(", \"note\": ").append(note(s) == null ? "null" : str(note(s)))
                    .append('}');
        }
        sb.append(first ? "]" : "\n]").append(", \"not_deltas\": [");
        first = true;
        for (DeltaSet.Skipped n : deltas.notDeltas()) {
            sb.append(first ? "\n  " : ",\n  ");
            first = false;
            sb.append("{\"file\": ").append(str(n.path().toString())).append(", \"reason\": ").append(str(n.reason())).append('}');
        }
        sb.append(first ? "]}" : "\n]}");
        out.println(sb);
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
