package pum.delta;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import pum.delta.DeltaException.Reason;
import pum.delta.internal.Failures;
import pum.delta.internal.LockMonitor;
import pum.delta.internal.PreparedFile;
import pum.delta.internal.RowStore;
import pum.delta.internal.SessionSettings;
import pum.delta.internal.SqlStatement;

/**
 * Sends a file's statements: the round trips. In a transaction, statements that return no rows
 * share a batch (bounded in statements and characters, so memory stays bounded), and a tail (the
 * step's row INSERT) joins the last batch; everything else is sent alone. Every round trip is
 * watched for lock waits, and every failure is classified by {@link Failures}. Between statements
 * it checks the cancellation, so a cancelled upgrade sends nothing more.
 */
final class StatementRunner {
    /** A batch is sent when it holds this many statements or characters. */
    static final int BATCH_STATEMENTS = 500;
    static final int BATCH_CHARS = 1 << 20;
    private static final int TAIL = -1;

    private final Connection c;
    private final RowStore store;
    private final UpgradeOptions o;
    private final SessionSettings session;
    private final LockMonitor monitor;
    private volatile boolean cancelSent;

    StatementRunner(Connection c, RowStore store, UpgradeOptions o, SessionSettings session, LockMonitor monitor) {
        this.c = c;
        this.store = store;
        this.o = o;
        this.session = session;
        this.monitor = monitor;
    }

    boolean cancelSent() {
        return cancelSent;
    }

    void cancelSent(boolean b) {
        cancelSent = b;
    }

    /** Receives the number of statements completed so far (journalled files). */
    interface Progress {
        void done(int statements) throws SQLException;
    }

    /**
     * Runs a file's statements from index {@code from}; in a transaction, row-less ones share round
     * trips, and {@code tail} (the step's row INSERT) joins the last batch.
     */
    void run(PreparedFile p, boolean inTransaction, List<String> tail, int from, Progress progress) throws SQLException {
        List<SqlStatement> stmts = p.statements();
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            List<Integer> batch = new ArrayList<>();
            int chars = 0;
            for (int i = from; i < stmts.size(); i++) {
                String sql = p.sent().get(i);
                if (o.cancellation().isCancelled()) {
                    flush(p, st, batch);
                    throw interrupted(p, i);
                }
                if (inTransaction && batchable(sql)) {
                    st.addBatch(sql);
                    batch.add(i);
                    chars += sql.length();
                    if (batch.size() >= BATCH_STATEMENTS || chars >= BATCH_CHARS) {
                        flush(p, st, batch);
                        chars = 0;
                    }
                    continue;
                }
                flush(p, st, batch);
                chars = 0;
                long t0 = System.nanoTime();
                AutoCloseable watch = watch();
                try {
                    st.execute(sql);
                    st.clearWarnings();
                } catch (SQLException e) {
                    throw Failures.statement(p.file().path(), stmts.get(i), sql, i, stmts.size(), e, context(t0));
                } finally {
                    close(watch);
                }
                if (progress != null) {
                    progress.done(i + 1);
                }
            }
            for (String t : tail) {
                st.addBatch(t);
                batch.add(TAIL);
            }
            flush(p, st, batch);
        }
    }

    private DeltaException interrupted(PreparedFile p, int index) {
        return new DeltaException(Reason.INTERRUPTED, "interrupted (" + o.cancellation().why() + ") at " + p.file().path()
                + ", before statement " + (index + 1) + " of " + p.statements().size(), null, null);
    }

    private Failures.Context context(long t0) {
        return new Failures.Context(cancelSent || o.cancellation().isCancelled(), o.cancellation().why(), session.statementTimeoutMs(),
                (System.nanoTime() - t0) / 1_000_000, monitor.observed());
    }

    /** Sends the batched statements in one round trip; a failure names the statement that failed. */
    private void flush(PreparedFile p, Statement st, List<Integer> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        AutoCloseable watch = watch();
        try {
            st.executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            int entry = failedEntry(e, batch.size());
            int index = batch.get(entry) == TAIL ? TAIL : batch.get(entry);
            if (index == TAIL) {
                throw new DeltaException(Failures.isConnectionLost(cause) ? Reason.CONNECTION_LOST : Reason.UPGRADES_TABLE,
                        "recording " + p.file().fileName() + " in " + store.table() + " failed: " + RowStore.firstLine(cause.getMessage()), null, cause);
            }
            throw Failures.statement(p.file().path(), p.statements().get(index), p.sent().get(index), index, p.statements().size(), cause, context(t0));
        } finally {
            batch.clear();
            close(watch);
        }
        st.clearBatch();
    }

    private static final java.util.regex.Pattern BATCH_ENTRY = java.util.regex.Pattern.compile("Batch entry (\\d+) ");

    /**
     * The batch entry that failed. In a transaction pgjdbc reports every entry as failed
     * (EXECUTE_FAILED), and says which one the server refused only in its message: that text
     * locates the line to show, and decides nothing else (the failure's class comes from the
     * SQLSTATE). Without it, the first entry is named with the range it may be in.
     */
    static int failedEntry(SQLException e, int size) {
        if (e instanceof BatchUpdateException b && b.getUpdateCounts() != null) {
            int[] counts = b.getUpdateCounts();
            for (int i = 0; i < counts.length && i < size; i++) {
                if (counts[i] == Statement.EXECUTE_FAILED) {
                    java.util.regex.Matcher m = BATCH_ENTRY.matcher(String.valueOf(e.getMessage()));
                    int entry = m.find() ? Integer.parseInt(m.group(1)) : i;
                    return entry < size ? entry : i;
                }
            }
        }
        return 0;
    }

    AutoCloseable watch() {
        long report = o.lockReportAfter().toMillis();
        long first = session.firstObservationMs(report);
        String advice = session.lockTimeoutMs() > 0 ? "" : "; no lock_timeout is set, so pum waits as long as the lock is held"
                + " (and sessions that need the same table queue behind it): --lock-timeout 10s, or lock_timeout in the config, makes it fail instead";
        return monitor.watch(first, report > 0 ? report : 0, o.progress(), advice);
    }


    private static final Set<String> NO_ROWS = Set.of("create", "alter", "drop", "insert", "update", "delete", "comment", "grant",
            "revoke", "truncate", "do", "set", "reset", "refresh", "lock", "analyze", "reindex", "cluster", "security", "notify");

    /** Statements that return no rows can share a round trip; anything else runs on its own. */
    static boolean batchable(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        if (i == 0 || !NO_ROWS.contains(sql.substring(0, i).toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        return !RETURNING.matcher(sql).find();
    }

    private static final java.util.regex.Pattern RETURNING = java.util.regex.Pattern.compile("(?i)\\breturning\\b");


    /** The step's rows on their own round trip (the last file was Java, or had timeouts). */
    void tail(List<String> tail, String where) {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            for (String t : tail) {
                st.execute(t);
            }
        } catch (SQLException e) {
            throw new DeltaException(Failures.isConnectionLost(e) ? Reason.CONNECTION_LOST : Reason.UPGRADES_TABLE,
                    "recording " + where + " in " + store.table() + " failed: " + RowStore.firstLine(e.getMessage()), null, e);
        }
    }

    static void close(AutoCloseable w) {
        try {
            w.close();
        } catch (Exception e) {
            // cancelling a timer does not fail
        }
    }
}
