package pum.delta;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import java.util.Set;
import pum.delta.DeltaException.Reason;
import pum.delta.internal.Failures;
import pum.delta.internal.LockMonitor;
import pum.delta.internal.PreparedFile;
import pum.delta.internal.RowStore;
import pum.delta.internal.FilePreparer;
import pum.delta.internal.SessionSettings;
import pum.delta.internal.SourceError;

/**
 * Sends a file's statements: the round trips. In a transaction, statements that return no rows
 * share a batch (bounded in statements and characters, so memory stays bounded), and a tail (the
 * step's row INSERT) joins the last batch; everything else is sent alone. Every round trip is
 * watched for lock waits, and every failure is classified by {@link Failures}. Between statements
 * it checks the cancellation, so a cancelled upgrade sends nothing more.
 *
 * <p>A {@link Carried carried} COMMIT (the previous version's, whose statements have all
 * completed) goes at the head of the file's first round trip, followed by a BEGIN: one round trip
 * per version instead of two. When that round trip fails, the server is asked whether the COMMIT
 * took effect; a COMMIT that was never sent leaves the earlier version uncommitted.
 */
final class StatementRunner {
    /** A batch is sent when it holds this many statements or characters. */
    static final int BATCH_STATEMENTS = 500;
    static final int BATCH_CHARS = 1 << 20;

    private final Connection c;
    private final RowStore store;
    private final UpgradeOptions o;
    private final SessionSettings session;
    private final LockMonitor monitor;
    private volatile boolean cancelSent;
    private Carried carried;

    /**
     * A version whose statements have all completed and whose COMMIT has not been sent yet: it
     * travels with the next round trip. The runner reports what became of it.
     */
    interface Carried {
        /** "version 1.2.0": for messages. */
        String where();

        /** Its COMMIT is being sent: from now on, only the server knows whether it took effect. */
        void sent();

        /** Its COMMIT took effect. */
        void committed();

        /** Its COMMIT failed: the version was rolled back. */
        void commitFailed();

        /** After a failed round trip that carried the COMMIT: whether it took effect, asked of the server; null when that cannot be known. */
        Boolean tookEffect();
    }

    /** The COMMIT the next round trip carries (null: none). */
    void carry(Carried k) {
        carried = k;
    }

    private static final PreparedFile.Next CARRIED_COMMIT = new PreparedFile.Next(-1, null, "COMMIT", null);
    private static final PreparedFile.Next CARRIED_BEGIN = new PreparedFile.Next(-1, null, "BEGIN", null);

    /** Puts the carried COMMIT and a BEGIN at the head of an empty batch. */
    private void headOf(Statement st, List<PreparedFile.Next> batch) throws SQLException {
        if (carried != null && batch.isEmpty()) {
            st.addBatch(CARRIED_COMMIT.sent());
            st.addBatch(CARRIED_BEGIN.sent());
            batch.add(CARRIED_COMMIT);
            batch.add(CARRIED_BEGIN);
        }
    }

    /** Sends a carried COMMIT that no batch took (the next statement goes alone, or there was none): alone, as before. */
    void settle() {
        Carried k = carried;
        if (k == null) {
            return;
        }
        carried = null;
        k.sent();
        try {
            c.commit();
        } catch (SQLException e) {
            if (!Failures.isConnectionLost(e)) {
                k.commitFailed();
            }
            throw commitFailure(k, e);
        }
        k.committed();
    }

    private DeltaException commitFailure(Carried k, SQLException e) {
        if (o.cancellation().isCancelled() && !Failures.isConnectionLost(e)) {
            return new DeltaException(Reason.INTERRUPTED, "interrupted (" + o.cancellation().why() + ") while committing " + k.where(), null, e);
        }
        return Failures.commit(k.where(), e);
    }

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
     * trips, and {@code tail} (the step's row INSERT) joins the last batch. Inline COPY data goes
     * through the driver's COPY API as a stream.
     */
    void run(PreparedFile p, boolean inTransaction, List<String> tail, int from, Map<String, Object> variables, Progress progress)
            throws SQLException {
        List<PreparedFile.Next> batch = new ArrayList<>();
        try (Statement st = c.createStatement(); PreparedFile.Source source = p.open(from, variables)) {
            st.setEscapeProcessing(false);
            int chars = 0;
            for (PreparedFile.Next n = source.next(); n != null; n = source.next()) {
                if (o.cancellation().isCancelled()) {
                    if (carried == null) {
                        flush(p, st, batch);
                    }
                    // else nothing of this batch was sent, the earlier version's COMMIT neither
                    throw interrupted(p, n.index());
                }
                if (inTransaction && n.copyData() == null && batchable(n.sent())) {
                    headOf(st, batch);
                    st.addBatch(n.sent());
                    batch.add(n);
                    chars += n.sent().length();
                    if (batch.size() >= BATCH_STATEMENTS || chars >= BATCH_CHARS) {
                        flush(p, st, batch);
                        chars = 0;
                    }
                    continue;
                }
                flush(p, st, batch);
                settle();
                chars = 0;
                long t0 = System.nanoTime();
                AutoCloseable watch = watch();
                try {
                    if (n.copyData() != null) {
                        c.unwrap(PGConnection.class).getCopyAPI().copyIn(n.sent(), n.copyData());
                    } else {
                        st.execute(n.sent());
                        st.clearWarnings();
                    }
                } catch (SQLException e) {
                    throw Failures.statement(p.file().path(), n.statement(), n.sent(), n.index(), p.count(), e, context(t0));
                } catch (SourceError e) {
                    // a bad byte met while streaming COPY data: the pre-pass reads every file, so only a file changed since
                    throw FilePreparer.refused(p.file(), e);
                } finally {
                    close(watch);
                }
                if (progress != null) {
                    progress.done(n.index() + 1);
                }
            }
            if (!tail.isEmpty()) {
                headOf(st, batch);
            }
            for (String t : tail) {
                st.addBatch(t);
                batch.add(null);
            }
            flush(p, st, batch);
            settle();
        } catch (SourceError e) {
            throw FilePreparer.refused(p.file(), e);
        } catch (IOException e) {
            throw new DeltaException(Reason.UNREADABLE_FILE, p.file().path() + ": reading it failed while it ran: " + e.getMessage(), null, e);
        }
    }

    private DeltaException interrupted(PreparedFile p, int index) {
        return new DeltaException(Reason.INTERRUPTED, "interrupted (" + o.cancellation().why() + ") at " + p.file().path()
                + ", before statement " + (index + 1) + " of " + p.count(), null, null);
    }

    private Failures.Context context(long t0) {
        return new Failures.Context(cancelSent || o.cancellation().isCancelled(), o.cancellation().why(), session.statementTimeoutMs(),
                (System.nanoTime() - t0) / 1_000_000, monitor.observed());
    }

    /** Sends the batched statements in one round trip; a failure names the statement that failed (null entries: the tail). */
    private void flush(PreparedFile p, Statement st, List<PreparedFile.Next> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Carried k = batch.get(0) == CARRIED_COMMIT ? carried : null;
        if (k != null) {
            carried = null;
            k.sent();
        }
        long t0 = System.nanoTime();
        AutoCloseable watch = watch();
        try {
            st.executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            if (k != null) {
                // the first error ends the round trip: whether the COMMIT at its head took effect is the server's to say
                Boolean took = Failures.isConnectionLost(cause) ? null : k.tookEffect();
                if (took == null) {
                    boolean lost = Failures.isConnectionLost(cause);
                    throw new DeltaException(lost ? Reason.CONNECTION_LOST : Reason.UPGRADES_TABLE,
                            (lost ? "the connection was lost while running " + p.file().path()
                                    : "running " + p.file().path() + " failed (" + RowStore.firstLine(cause.getMessage())
                                    + ") and reading " + store.table() + " back failed too")
                            + "; its first round trip carried the COMMIT of " + k.where() + ": whether " + k.where() + " was committed is unknown",
                            "run 'pum info'" + (lost ? " when the server is back" : "") + ": it shows whether " + k.where() + " was recorded", cause);
                }
                if (!took) {
                    k.commitFailed();
                    throw commitFailure(k, cause);
                }
                k.committed();
            }
            int entry = failedEntry(e, batch.size());
            PreparedFile.Next failed = batch.get(entry);
            if (failed == CARRIED_COMMIT || failed == CARRIED_BEGIN) {
                // committed, yet the driver names the head (or did not say): the first statement after it is the candidate
                failed = batch.size() > 2 ? batch.get(2) : null;
            }
            if (failed == null) {
                throw new DeltaException(Failures.isConnectionLost(cause) ? Reason.CONNECTION_LOST : Reason.UPGRADES_TABLE,
                        "recording " + p.file().fileName() + " in " + store.table() + " failed: " + RowStore.firstLine(cause.getMessage()), null, cause);
            }
            throw Failures.statement(p.file().path(), failed.statement(), failed.sent(), failed.index(), p.count(), cause, context(t0));
        } finally {
            batch.clear();
            close(watch);
        }
        st.clearBatch();
        if (k != null) {
            k.committed();
        }
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
