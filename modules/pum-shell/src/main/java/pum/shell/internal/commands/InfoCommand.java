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
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
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
        DeltaSet deltas = delta.scan(session);
        Status status = Upgrader.status(session.connection(delta.database), table, deltas);
        if (json) {
            printJson(status, table, session.out());
        } else {
            printText(status, table, session.out());
        }
        return 0;
    }

    private static void printText(Status status, UpgradesTable table, PrintStream out) {
        out.println("current version: " + (status.current() == null ? "(none: no baseline)" : status.current()) + " (" + table + ")");
        int pending = status.inState(DeltaState.PENDING).size();
        out.println(pending == 0 ? "nothing pending" : pending + " pending file" + (pending == 1 ? "" : "s"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"version", "kind", "file", "state", "applied at", "by", "ms"});
        for (DeltaStatus s : status.entries()) {
            AppliedDelta r = s.row();
            rows.add(new String[] {s.version(), s.kind(), s.name(), s.state().label(),
                    r == null || r.installedOn() == null ? "" : WHEN.format(r.installedOn()),
                    r == null ? "" : r.installedBy(), r == null ? "" : Integer.toString(r.executionTime())});
        }
        int[] w = new int[7];
        for (String[] row : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                sb.append(i == w.length - 1 ? String.format("%" + w[i] + "s", row[i]) : String.format("%-" + w[i] + "s  ", row[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
        for (DeltaStatus s : status.entries()) {
            String note = note(s);
            if (note != null) {
                out.println(note);
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
                    + " (" + (r.installedOn() == null ? "" : WHEN.format(r.installedOn())) + "): the next pum upgrade runs pre-all and post-all again";
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

    private static void printJson(Status status, UpgradesTable table, PrintStream out) {
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
