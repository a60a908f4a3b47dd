package pum.delta;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import pum.delta.DeltaException.Reason;
import pum.delta.internal.Failures;
import pum.delta.internal.LockMonitor;
import pum.delta.internal.PreparedFile;
import pum.delta.internal.PythonDeltaRunner;
import pum.delta.internal.RowStore;
import pum.delta.internal.SessionSettings;
import pum.delta.internal.SqlStatement;

/**
 * Runs a prepared plan on the upgrade's connection; owns batching and round trips.
 *
 * <p>The rules that make an upgrade exact:
 * <ul>
 * <li>A version is one transaction: its files' statements and its rows in the upgrades table.
 *     Statements that return no rows share round trips (a batch), the rows travel with the last
 *     batch, and the COMMIT is sent only after every statement of the version has completed:
 *     a pum killed while a statement waits (on a lock, say) can never have that version committed
 *     after its death, because the COMMIT was never sent. Between two plain SQL versions the
 *     COMMIT travels at the head of the next version's first round trip (then a BEGIN): one
 *     round trip per version instead of two. "applied" is printed once the server confirmed it.</li>
 * <li>A no-transaction or Python file is journalled: a row says it started, each completed
 *     statement is recorded, the end is recorded; after a crash the row says how far it got.</li>
 * <li>Cancellation cancels the running statement on the server and ends with reason
 *     INTERRUPTED, saying which version was interrupted and where the database stands.</li>
 * </ul>
 */
final class Executor {

    private final Connection c;
    private final RowStore store;
    private final DeltaSet deltas;
    private final UpgradeOptions o;
    private final SessionSettings session;
    private final LockMonitor monitor;
    private final Map<DeltaFile, PreparedFile> prepared;
    private final PythonDeltaRunner python;
    private final Status status;
    private final List<UpgradeResult.Applied> applied = new ArrayList<>();
    private final StatementRunner sql;
    private Version current;
    /** A version whose statements all completed and whose COMMIT travels with the next version's first round trip. */
    private Pending pending;

    private final class Pending implements StatementRunner.Carried {
        private final Plan.Step step;
        private final String where;
        private final List<UpgradeResult.Applied> done;
        private boolean sent;
        private boolean committed;
        private boolean commitFailed;

        Pending(Plan.Step step, String where, List<UpgradeResult.Applied> done) {
            this.step = step;
            this.where = where;
            this.done = done;
        }

        @Override
        public String where() {
            return where;
        }

        @Override
        public void sent() {
            sent = true;
        }

        @Override
        public void committed() {
            committed = true;
            finish(step, done);
        }

        @Override
        public void commitFailed() {
            commitFailed = true;
        }

        @Override
        public Boolean tookEffect() {
            RowStore.rollbackQuietly(c);
            DeltaFile last = step.files().get(step.files().size() - 1);
            try {
                return store.hasAppliedRow(c, last, prepared.get(last).checksum());
            } catch (SQLException e) {
                return null;
            }
        }
    }

    Executor(Connection c, RowStore store, DeltaSet deltas, UpgradeOptions o, SessionSettings session, LockMonitor monitor,
             Map<DeltaFile, PreparedFile> prepared, PythonDeltaRunner python, Status status) {
        this.c = c;
        this.store = store;
        this.deltas = deltas;
        this.o = o;
        this.session = session;
        this.monitor = monitor;
        this.prepared = prepared;
        this.python = python;
        this.status = status;
        this.current = status.current();
        this.sql = new StatementRunner(c, store, o, session, monitor);
    }

    Version current() {
        return current;
    }

    List<UpgradeResult.Applied> applied() {
        return applied;
    }

    void execute(Plan plan) {
        try (AutoCloseable hook = o.cancellation().onCancel(this::cancelNow)) {
            run(plan);
        } catch (DeltaException e) {
            throw e;
        } catch (Exception e) {
            throw new DeltaException(Reason.INTERNAL, "unexpected " + e, null, e);
        }
    }

    /** Runs on the cancelling thread: the statement running now is cancelled by the server. */
    private void cancelNow() {
        sql.cancelSent(true);
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException | RuntimeException e) {
            // the connection is gone or idle: the engine checks the cancellation between statements
        }
        if (python != null) {
            python.cancel();
        }
    }

    private void run(Plan plan) {
        boolean cycle = plan.steps().stream().anyMatch(Plan.Step::isAll);
        List<DeltaFile> postAll = new ArrayList<>();
        for (Plan.Step s : plan.steps()) {
            if (s.isAll() && s.files().get(0).kind() == DeltaFile.Kind.POST_ALL) {
                postAll.addAll(s.files());
            }
        }
        if (cycle && store.hasJournalColumns()) {
            // before pre-all changes anything: should pum die before post-all has run, the next
            // upgrade sees post-all as not finished and runs a whole cycle again
            for (DeltaFile f : postAll) {
                try {
                    store.recordAllFailure(c, f, current, deltas.checksum(f), "running");
                } catch (SQLException e) {
                    throw store.sqlError("journalling the start of the upgrade in " + store.table(), e);
                }
            }
        }
        boolean preAllRan = false;
        List<Plan.Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            Plan.Step s = steps.get(i);
            boolean isPost = s.isAll() && s.files().get(0).kind() == DeltaFile.Kind.POST_ALL;
            try {
                if (o.cancellation().isCancelled()) {
                    // a pending COMMIT is not sent once cancelled: this rolls it back and says so
                    commitPendingAlone();
                    throw new DeltaException(Reason.INTERRUPTED, "interrupted (" + o.cancellation().why() + ") before " + label(s)
                            + ": nothing of it ran; the database is at version " + current, null, null);
                }
                runStep(s, i + 1 < steps.size() ? steps.get(i + 1) : null);
                if (s.isAll() && !isPost) {
                    preAllRan = true;
                }
            } catch (DeltaException e) {
                if (s.isAll() && e.reason() != Reason.CONNECTION_LOST) {
                    recordAllFailure(s, e.reason() == Reason.INTERRUPTED ? "running" : "failed");
                }
                boolean goOn = e.reason() != Reason.CONNECTION_LOST && e.reason() != Reason.INTERRUPTED;
                if (!isPost && goOn && (preAllRan || !applied.isEmpty()) && !postAll.isEmpty()) {
                    runPostAllAfterFailure(plan, e);
                } else if (!isPost && !postAll.isEmpty() && (preAllRan || !applied.isEmpty())) {
                    throw e.extend("\npost-all did not run: the next pum upgrade runs pre-all and post-all again", null);
                }
                throw e;
            }
        }
        commitPendingAlone();
        if (cycle && store.hasJournalColumns()) {
            try (Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.executeUpdate(store.resolveAllFailuresSql());
            } catch (SQLException e) {
                throw store.sqlError("recording in " + store.table() + " that post-all succeeded", e);
            }
        }
    }

    private void recordAllFailure(Plan.Step s, String state) {
        if (!store.hasJournalColumns()) {
            return;
        }
        try {
            c.setAutoCommit(true);
            for (DeltaFile f : s.files()) {
                store.recordAllFailure(c, f, current, deltas.checksum(f), state);
            }
        } catch (SQLException e) {
            // the failure itself is reported; info may then not show it
        }
    }

    private void runPostAllAfterFailure(Plan plan, DeltaException failure) {
        for (Plan.Step s : plan.steps()) {
            if (s.isAll() && s.files().get(0).kind() == DeltaFile.Kind.POST_ALL) {
                try {
                    o.progress().accept("running post-all after the failure, so that what pre-all removed is back");
                    runStep(s, null);
                } catch (DeltaException e) {
                    recordAllFailure(s, "failed");
                    failure.addSuppressed(e);
                    o.progress().accept("post-all failed too: " + e.getMessage());
                }
            }
        }
    }

    private void runStep(Plan.Step s, Plan.Step next) {
        if (pending != null && !carriesInto(s)) {
            commitPendingAlone();
        }
        if (s.transactional()) {
            runTransaction(s, next);
        } else {
            runJournalled(prepared.get(s.files().get(0)));
        }
    }

    /**
     * Whether a version's COMMIT may travel with {@code next}'s first round trip: both plain
     * transactional versions (no pre- or post-all), and every file of {@code next} SQL without
     * timeouts of its own (those are set by a round trip of their own, Java gets the connection).
     */
    private boolean carriesInto(Plan.Step next) {
        if (next == null || !next.transactional() || next.isAll()) {
            return false;
        }
        for (DeltaFile f : next.files()) {
            PreparedFile p = prepared.get(f);
            if (f.language() != DeltaFile.Language.SQL || p == null || p.javaClass() != null || p.ownTimeouts()) {
                return false;
            }
        }
        return true;
    }

    /** Applied lines, the applied list and the current version, once a version's COMMIT took effect. */
    private void finish(Plan.Step s, List<UpgradeResult.Applied> done) {
        for (UpgradeResult.Applied a : done) {
            o.progress().accept("applied " + label(a.file()) + " (" + a.millis() + " ms)");
        }
        applied.addAll(done);
        if (s.version() != null && s.version().compareTo(current) > 0) {
            current = s.version();
        }
    }

    private void rollBack() {
        RowStore.rollbackQuietly(c);
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is gone: the server rolled back
        }
    }

    /** Commits the pending version alone (what comes next cannot carry its COMMIT). */
    private void commitPendingAlone() {
        Pending k = pending;
        if (k == null) {
            return;
        }
        pending = null;
        if (o.cancellation().isCancelled()) {
            rollBack();
            throw new DeltaException(Reason.INTERRUPTED, "interrupted (" + o.cancellation().why() + ") before the COMMIT of " + k.where
                    + ": " + k.where + " was rolled back; the database is at version " + current, null, null);
        }
        try {
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            rollBack();
            DeltaException f = Failures.commit(k.where, e);
            throw f.extend("\n" + k.where + (f.reason() == Reason.CONNECTION_LOST ? " may not have been committed" : " was rolled back")
                    + "; the database " + (f.reason() == Reason.CONNECTION_LOST ? "was" : "stays") + " at version " + current, null);
        }
        k.committed();
    }

    private void runTransaction(Plan.Step s, Plan.Step next) {
        String where = label(s);
        Pending before = pending;
        pending = null;
        try {
            c.setAutoCommit(false);
            sql.carry(before);
            List<UpgradeResult.Applied> done = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            long earlierMs = 0;
            for (int k = 0; k < s.files().size(); k++) {
                DeltaFile f = s.files().get(k);
                PreparedFile p = prepared.get(f);
                boolean last = k == s.files().size() - 1;
                long t0 = System.nanoTime();
                if (last && f.language() == DeltaFile.Language.SQL && !p.ownTimeouts()) {
                    // the rows travel with the last batch; execution_time measured by the server
                    // (since the transaction started, minus the files before it)
                    if (!f.isAll()) {
                        rows.add(RowStore.rowValues(f, p.checksum(),
                                "greatest(0, (extract(epoch FROM clock_timestamp() - now()) * 1000)::int - " + earlierMs + ")", true));
                    }
                    sql.run(p, true, rows.isEmpty() ? List.of() : List.of(store.insertSql(rows)), 0, o.variables(), null);
                    rows.clear();
                } else {
                    runFile(p, true);
                    if (!f.isAll()) {
                        rows.add(RowStore.rowValues(f, p.checksum(), Long.toString((System.nanoTime() - t0) / 1_000_000), true));
                    }
                    if (last && !rows.isEmpty()) {
                        sql.tail(List.of(store.insertSql(rows)), where);
                    }
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                earlierMs += ms;
                done.add(new UpgradeResult.Applied(f, ms));
            }
            sql.settle();
            // every statement of the step has completed: only now may the COMMIT be sent
            if (o.cancellation().isCancelled()) {
                throw new DeltaException(Reason.INTERRUPTED, "interrupted (" + o.cancellation().why() + ") while applying " + where
                        + ", before its COMMIT", null, null);
            }
            if (carriesInto(next)) {
                pending = new Pending(s, where, done);
                return;
            }
            try {
                c.commit();
            } catch (SQLException e) {
                throw Failures.commit(where, e);
            }
            c.setAutoCommit(true);
            finish(s, done);
        } catch (SQLException e) {
            throw failed(s, where, before, store.sqlError("running " + where, e));
        } catch (DeltaException e) {
            throw failed(s, where, before, e);
        }
    }

    /** Rolls back a failed version and says where the database stands (and what became of a COMMIT it carried). */
    private DeltaException failed(Plan.Step s, String where, Pending before, DeltaException e) {
        sql.carry(null);
        if (before != null && !before.sent && e.reason() != Reason.INTERRUPTED && e.reason() != Reason.CONNECTION_LOST) {
            // nothing of this version reached the server: the earlier one commits, as it would have alone
            try {
                c.commit();
                before.committed();
            } catch (SQLException ce) {
                e.addSuppressed(Failures.commit(before.where, ce));
            }
        }
        rollBack();
        boolean lost = e.reason() == Reason.CONNECTION_LOST;
        String stands = "the database " + (lost ? "was" : e.reason() == Reason.INTERRUPTED ? "is" : "stays") + " at version " + current;
        String what;
        if (before == null || before.committed) {
            what = lost ? where + " was not committed (the server rolls back a transaction whose connection is lost)" : where + " was rolled back";
        } else if (before.commitFailed) {
            what = before.where + " was rolled back and " + where + " did not run";
        } else if (!before.sent) {
            what = where + " was rolled back, and " + before.where + " with it (its COMMIT was to travel with " + where + "'s first statements)";
        } else {
            // the failure's own message says that whether the earlier version was committed is unknown
            what = where + " was not committed";
            stands = "the database is at version " + current + ", or at " + before.step.version() + " if that COMMIT took effect";
        }
        if (e.reason() == Reason.INTERRUPTED) {
            return e.extend(": " + what + "; " + stands, null);
        }
        return e.extend("\n" + what + "; " + stands,
                s.isAll() && !lost ? "fix it and run pum upgrade again: pre-all and post-all run again on the next upgrade, even with nothing pending"
                : e.hint() != null ? null : "fix the delta and run pum upgrade again");
    }

    /** A no-transaction file (SQL or Java) or a Python file, journalled in the upgrades table. */
    private void runJournalled(PreparedFile p) {
        DeltaFile f = p.file();
        boolean journal = !f.isAll();
        DeltaStatus earlier = statusOf(f);
        int startAt = 0;
        if (earlier != null && earlier.state() == DeltaState.INTERRUPTED && o.resumeAt() != null) {
            startAt = o.resumeAt() - 1;
        }
        int total = p.count();
        Set<String> invalidBefore = p.isPython() ? Set.of() : invalidIndexes();
        int[] done = {startAt};
        int id = -1;
        long t0 = System.nanoTime();
        try {
            c.setAutoCommit(true);
            if (journal) {
                Integer reuse = earlier != null && earlier.row() != null && !earlier.row().success() ? earlier.row().id() : null;
                id = store.startJournal(c, f, p.checksum(), reuse, startAt, total);
            }
            int row = id;
            if (startAt > 0) {
                o.progress().accept("resuming " + label(f) + " at statement " + (startAt + 1) + " of " + total);
            }
            if (p.isPython()) {
                runPython(f);
            } else if (p.javaClass() != null) {
                runFile(p, false);
            } else {
                withTimeouts(p, false, () -> sql.run(p, false, List.of(), done[0], o.variables(), k -> {
                    done[0] = k;
                    if (journal) {
                        store.progress(c, row, k);
                    }
                }));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (journal) {
                store.finishJournal(c, id, null, total, ms);
            }
            applied.add(new UpgradeResult.Applied(f, ms));
            o.progress().accept("applied " + label(f) + " without transaction (" + ms + " ms)");
            if (f.version() != null && f.version().compareTo(current) > 0) {
                current = f.version();
            }
        } catch (SQLException e) {
            throw store.sqlError("journalling " + f.fileName() + " in " + store.table(), e);
        } catch (DeltaException e) {
            throw journalledFailure(p, e, id, done[0], total, t0, invalidBefore);
        }
    }

    private DeltaException journalledFailure(PreparedFile p, DeltaException e, int id, int done, int total, long t0, Set<String> invalidBefore) {
        DeltaFile f = p.file();
        StringBuilder msg = new StringBuilder();
        String hint;
        String state = e.reason() == Reason.INTERRUPTED ? "interrupted" : "failed";
        boolean recorded = false;
        if (id >= 0 && e.reason() != Reason.CONNECTION_LOST) {
            try {
                store.finishJournal(c, id, state, done, (System.nanoTime() - t0) / 1_000_000);
                recorded = true;
            } catch (SQLException x) {
                msg.append("\nrecording it in ").append(store.table()).append(" failed too: ").append(RowStore.firstLine(x.getMessage()));
            }
        }
        if (e.reason() == Reason.INTERRUPTED) {
            msg.append(" (").append(p.isPython() ? "Python, own connection" : "no transaction").append("): ")
                    .append(p.isPython() || p.javaClass() != null ? "what it did before it was stopped stays"
                            : done == 0 ? "no statement of it had completed" : done == 1 ? "statement 1 of " + total + " stays applied" : "statements 1 to " + done + " of " + total + " stay applied")
                    .append(recorded ? ", recorded in " + store.table() : "").append("; the database is at version ").append(current);
        } else if (p.isPython()) {
            msg.append("\n").append(f.fileName()).append(" is a Python delta: it ran in its own connection, and whatever it committed stays");
        } else if (p.javaClass() != null) {
            msg.append("\n").append(f.fileName()).append(" runs without a transaction: what its statements did before the failure stays");
        } else {
            msg.append("\n").append(f.fileName()).append(" runs without a transaction (-- pum: no-transaction): ")
                    .append(done == 0 ? "no statement of it had completed" : done == 1 ? "statement 1 of " + total + " stays applied" : "statements 1 to " + done + " of " + total + " stay applied");
        }
        if (recorded && e.reason() != Reason.INTERRUPTED) {
            msg.append("; recorded as ").append(state).append(" in ").append(store.table());
        }
        Set<String> invalid = p.isPython() ? new LinkedHashSet<>() : invalidIndexes();
        invalid.removeAll(invalidBefore);
        if (!invalid.isEmpty()) {
            msg.append("\nit left INVALID index").append(invalid.size() == 1 ? " " : "es ").append(String.join(", ", invalid))
                    .append(": drop ").append(invalid.size() == 1 ? "it" : "them").append(" (DROP INDEX CONCURRENTLY) before going on");
        }
        if (f.isAll()) {
            hint = "fix it and run pum upgrade again: pre-all and post-all run again on the next upgrade";
        } else if (e.reason() == Reason.CONNECTION_LOST) {
            hint = "when the server is back, 'pum info' shows after which statement it stopped; pum upgrade then asks whether to resume or rerun it";
        } else if (e.reason() == Reason.INTERRUPTED) {
            hint = p.isPython() || p.javaClass() != null ? "run pum upgrade --rerun-interrupted to run it again from the start"
                    : "run pum upgrade --resume-at " + (done + 1) + " to go on with statement " + (done + 1)
                    + ", or --rerun-interrupted to run the file from its first statement";
        } else {
            hint = "clean up what it left, fix the delta, then run pum upgrade --retry-failed";
        }
        return e.extend(msg.toString(), hint);
    }

    private DeltaStatus statusOf(DeltaFile f) {
        for (DeltaStatus s : status.entries()) {
            if (f.equals(s.file())) {
                return s;
            }
        }
        return null;
    }

    private void runPython(DeltaFile f) {
        try {
            python.run(f.path(), current.toString(), o.pgService(), store.table().toString(), deltas.dirs(),
                    PythonDeltaRunner.json(o.variables()), o.progress());
        } catch (PythonDeltaRunner.PythonError e) {
            if (o.cancellation().isCancelled()) {
                throw new DeltaException(Reason.INTERRUPTED, f.path() + ": interrupted (" + o.cancellation().why() + "): the Python delta was stopped",
                        null, e);
            }
            throw new DeltaException(Reason.PYTHON_ERROR, f.path() + ": " + e.getMessage(), null, e);
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private void withTimeouts(PreparedFile p, boolean local, SqlWork work) throws SQLException {
        if (p.ownTimeouts()) {
            session.set(p.directives().lockTimeout(), p.directives().statementTimeout(), local, p.file().path() + " directives");
        }
        try {
            work.run();
        } finally {
            if (p.ownTimeouts()) {
                session.restore(local);
            }
        }
    }

    /** A file of a transaction (SQL or Java), or a no-transaction Java file. */
    private void runFile(PreparedFile p, boolean inTransaction) throws SQLException {
        withTimeouts(p, inTransaction, () -> {
            if (p.javaClass() != null) {
                AutoCloseable watch = sql.watch();
                try {
                    JavaDeltaRunner.run(p, c, inTransaction, new JavaDeltaRunner.Context(current, o.pgService(), store.table().toString(),
                            o.variables(), o.progress(), p.file().isAll() ? p.file().kind().label() : "version " + p.file().version()));
                } catch (DeltaException e) {
                    if (sql.cancelSent() && e.getCause() instanceof SQLException) {
                        throw new DeltaException(Reason.INTERRUPTED, p.file().path() + ": interrupted (" + o.cancellation().why() + ")", null, e.getCause());
                    }
                    throw e;
                } finally {
                    StatementRunner.close(watch);
                }
            } else {
                sql.run(p, inTransaction, List.of(), 0, o.variables(), null);
            }
        });
    }

    private Set<String> invalidIndexes() {
        Set<String> out = new LinkedHashSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            // only used to enrich an error message
        }
        return out;
    }

    static String label(Plan.Step s) {
        return s.isAll() ? s.files().get(0).kind().label() : "version " + s.version();
    }

    static String label(DeltaFile f) {
        return (f.version() == null ? "" : f.version() + " ") + f.fileName();
    }
}
