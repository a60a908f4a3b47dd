package pum.shell.internal.commands;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import pum.delta.AppliedDelta;
import pum.delta.DeltaSet;
import pum.delta.DeltaState;
import pum.delta.DeltaStatus;
import pum.delta.Plan;
import pum.delta.Status;
import pum.delta.UpgradeOptions;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;

/**
 * {@code pum status}: the database's state as {@code git status} shows a work tree (rokso's
 * status), and {@code pum last-success}: the last applied version and its batch, with an exit
 * code saying whether something is pending.
 */
public final class StatusCommand implements Command {
    static final Opt JSON = Opt.flag("Print JSON for scripts (schema in docs/lifecycle.md).", "--json");
    /** Exit code of last-success when deltas are pending. */
    public static final int PENDING_EXIT = 1;

    private final Session session;
    private final boolean lastSuccess;

    private StatusCommand(Session session, boolean lastSuccess) {
        this.session = session;
        this.lastSuccess = lastSuccess;
    }

    /** {@code pum status}. */
    public static StatusCommand status(Session session) {
        return new StatusCommand(session, false);
    }

    /** {@code pum last-success}. */
    public static StatusCommand lastSuccess(Session session) {
        return new StatusCommand(session, true);
    }

    @Override
    public String name() {
        return lastSuccess ? "last-success" : "status";
    }

    @Override
    public String summary() {
        return lastSuccess ? "Print the last successfully applied version and batch; exit 1 when deltas are pending."
                : "Show the database's state like git status: current version, batches, pending, failed, edited, rolled back.";
    }

    @Override
    public String description() {
        return lastSuccess ? """
                Prints the last successfully applied delta (its version, file and batch) and the current version.
                Exit code 0 when nothing is pending, 1 when the next pum upgrade would apply something, and the
                usual codes (3, 4, 5) when the state cannot be read. See docs/lifecycle.md."""
                : """
                Shows the current version, the last successful deltas with their batch (the pum upgrade run that
                applied them), failed or interrupted deltas, pending ones, edited ones (changed since applied),
                missing ones (applied, file gone), rolled-back ones, and what pum upgrade would do next.
                Read-only. --json prints the same as JSON (docs/lifecycle.md). Exit code 0.""";
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
        DeltaSet deltas = delta.scan(session, !json);
        Status status = Upgrader.status(session.connection(delta.database), table, deltas);
        Plan next = Upgrader.plan(status, deltas, UpgradeOptions.defaults());
        List<AppliedDelta> applied = new ArrayList<>();
        for (DeltaStatus s : status.entries()) {
            if (s.row() != null && s.row().success() && (s.state() == DeltaState.APPLIED || s.state() == DeltaState.CHANGED
                    || s.state() == DeltaState.MISSING || s.state() == DeltaState.BASELINE)) {
                applied.add(s.row());
            }
        }
        applied.sort(java.util.Comparator.comparingInt(AppliedDelta::id));
        AppliedDelta last = applied.isEmpty() ? null : applied.get(applied.size() - 1);
        int pending = status.inState(DeltaState.PENDING).size();
        PrintStream out = session.out();
        if (lastSuccess) {
            if (json) {
                out.println("{\"upgrades_table\": " + str(table.toString()) + ", \"current_version\": "
                        + (status.current() == null ? "null" : str(status.current().toString()))
                        + ", \"last\": " + (last == null ? "null" : row(last)) + ", \"pending\": " + pending + "}");
            } else if (last == null) {
                out.println("nothing applied yet (" + table + ")");
            } else {
                out.println(last.version() + (last.isBaseline() ? " (baseline)" : " " + last.fileName())
                        + (last.batch() == null ? "" : " batch " + last.batch()) + "; current version " + status.current()
                        + (pending == 0 ? "; nothing pending" : "; " + pending + " pending"));
            }
            return pending == 0 ? 0 : PENDING_EXIT;
        }
        if (json) {
            printJson(status, next, applied, table, out);
            return 0;
        }
        out.println("current version " + (status.current() == null ? "(none: no baseline)" : status.current()) + " (" + table + ")");
        int shown = Math.min(5, applied.size());
        if (shown > 0) {
            out.println("last applied:");
            for (AppliedDelta r : applied.subList(applied.size() - shown, applied.size())) {
                out.println("  " + pad(r.version(), 10) + " " + pad(r.isBaseline() ? "(baseline)" : r.fileName(), 44)
                        + " batch " + (r.batch() == null ? "-       " : r.batch()) + "  " + (r.installedOn() == null ? "" : r.installedOn().withNano(0)));
            }
        }
        section(out, status, DeltaState.FAILED, "failed (pum upgrade --retry-failed after cleaning up):");
        section(out, status, DeltaState.INTERRUPTED, "interrupted (pum info shows how far they got):");
        section(out, status, DeltaState.CHANGED, "edited since applied (pum upgrade refuses; --accept-changed):");
        section(out, status, DeltaState.MISSING, "applied, file missing:");
        section(out, status, DeltaState.ROLLED_BACK, "rolled back (history):");
        section(out, status, DeltaState.PENDING, "pending:");
        if (next.isEmpty()) {
            out.println("next: nothing to do, the database is up to date");
        } else {
            out.println("next: pum upgrade would go from " + next.current() + " to " + next.target() + " in "
                    + next.steps().stream().filter(s -> !s.isAll()).count() + " step(s)");
        }
        return 0;
    }

    private static void section(PrintStream out, Status status, DeltaState state, String title) {
        List<DeltaStatus> list = status.inState(state);
        if (list.isEmpty()) {
            return;
        }
        out.println(title);
        for (DeltaStatus s : list) {
            AppliedDelta r = s.row();
            out.println("  " + pad(s.version(), 10) + " " + s.name()
                    + (r != null && r.batch() != null ? "  batch " + r.batch() : ""));
        }
    }

    private static void printJson(Status status, Plan next, List<AppliedDelta> applied, UpgradesTable table, PrintStream out) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"upgrades_table\": ").append(str(table.toString()))
                .append(", \"current_version\": ").append(status.current() == null ? "null" : str(status.current().toString()))
                .append(", \"applied\": [");
        for (int i = 0; i < applied.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(row(applied.get(i)));
        }
        sb.append("]");
        for (DeltaState st : List.of(DeltaState.FAILED, DeltaState.INTERRUPTED, DeltaState.CHANGED, DeltaState.MISSING,
                DeltaState.ROLLED_BACK, DeltaState.PENDING)) {
            sb.append(", ").append(str(st.name().toLowerCase(java.util.Locale.ROOT))).append(": [");
            List<DeltaStatus> list = status.inState(st);
            for (int i = 0; i < list.size(); i++) {
                DeltaStatus s = list.get(i);
                sb.append(i == 0 ? "" : ", ").append("{\"version\": ").append(str(s.version())).append(", \"file\": ").append(str(s.name()))
                        .append(", \"batch\": ").append(s.row() == null || s.row().batch() == null ? "null" : str(s.row().batch())).append('}');
            }
            sb.append(']');
        }
        sb.append(", \"next\": ").append(next.isEmpty() ? "null"
                : "{\"from\": " + str(String.valueOf(next.current())) + ", \"to\": " + str(String.valueOf(next.target())) + "}");
        sb.append('}');
        out.println(sb);
    }

    private static String row(AppliedDelta r) {
        return "{\"version\": " + str(r.version()) + ", \"file\": " + (r.isBaseline() ? "null" : str(r.fileName()))
                + ", \"batch\": " + (r.batch() == null ? "null" : str(r.batch()))
                + ", \"applied_at\": " + (r.installedOn() == null ? "null" : str(r.installedOn().toString())) + "}";
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
