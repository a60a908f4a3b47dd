package pum.delta.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import pum.delta.Cancellation;
import pum.delta.DeltaException;
import pum.delta.DeltaException.Reason;
import pum.delta.UpgradesTable;

/**
 * The lock that lets one upgrade of a table run at a time: a session-level advisory lock keyed by
 * the table's name, on the upgrade's own connection and outside any transaction (so a
 * {@code CREATE INDEX CONCURRENTLY} in a delta cannot wait for it). Polled with
 * {@code pg_try_advisory_lock}, so that waiting can say who holds it and can be cancelled.
 */
public final class UpgradeLock {
    private final Connection c;
    private final UpgradesTable table;
    private boolean held;

    /** The lock of {@code table}'s upgrades, to be taken on {@code c}. */
    public UpgradeLock(Connection c, UpgradesTable table) {
        this.c = c;
        this.table = table;
    }

    /**
     * Takes the lock, waiting up to {@code wait} while another upgrade holds it (saying so once).
     *
     * @throws DeltaException {@link Reason#UPGRADE_LOCK_TIMEOUT} after the wait,
     *         {@link Reason#INTERRUPTED} when cancelled while waiting
     */
    public void take(Duration wait, Consumer<String> progress, Cancellation cancel) {
        int[] key = table.lockKey();
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            String holder;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, key[0]);
                ps.setInt(2, key[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        held = true;
                        return;
                    }
                }
                holder = holder(key);
            } catch (SQLException e) {
                throw new RowStore(table).sqlError("taking the upgrade lock of " + table, e);
            }
            if (System.nanoTime() > deadline) {
                throw new DeltaException(Reason.UPGRADE_LOCK_TIMEOUT, "another upgrade of " + table + " is running (" + holder
                        + "); gave up after waiting " + wait.toSeconds() + " s for pum's upgrade lock; nothing was applied",
                        "let it finish and run pum upgrade again, or wait longer with --lock-wait", null);
            }
            if (!told) {
                progress.accept("waiting for another upgrade of " + table + " to finish: " + holder);
                told = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeltaException(Reason.INTERRUPTED, "interrupted while waiting for the upgrade lock; nothing was applied", null, e);
            }
            if (cancel.isCancelled()) {
                throw new DeltaException(Reason.INTERRUPTED, "interrupted (" + cancel.why() + ") while waiting for the upgrade lock; nothing was applied", null, null);
            }
        }
    }

    private String holder(int[] key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT format('pid %s, application %s, user %s, client %s, connected since %s, %s',"
                + " a.pid, coalesce(quote_literal(nullif(a.application_name, '')), 'unknown'), coalesce(a.usename::text, 'unknown'),"
                + " coalesce(host(a.client_addr), CASE WHEN a.backend_start IS NULL THEN 'unknown' ELSE 'local socket' END),"
                + " coalesce(to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'), 'unknown'), coalesce(a.state, 'state unknown'))"
                + " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.classid = ? AND l.objid = ? AND l.objsubid = 2 AND l.granted")) {
            ps.setLong(1, key[0] & 0xffffffffL);
            ps.setLong(2, key[1] & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? "held by " + rs.getString(1) : "held by a session that just ended";
            }
        }
    }

    /** Releases the lock if taken (ending any open transaction first); never throws. */
    public void release() {
        if (!held) {
            return;
        }
        RowStore.rollbackQuietly(c);
        int[] key = table.lockKey();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            c.setAutoCommit(true);
            ps.setInt(1, key[0]);
            ps.setInt(2, key[1]);
            ps.executeQuery().close();
        } catch (SQLException e) {
            // the lock is released when the connection closes, right after
        }
        held = false;
    }
}
