package pum.delta.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches, from a second connection, what lock the upgrade's backend waits for while a statement
 * runs under a lock or statement timeout. PostgreSQL's "canceling statement due to lock timeout"
 * does not say which lock or who held it; by the time the error arrives the wait is over, so the
 * wait is observed while it happens, halfway through the timeout.
 */
public final class LockMonitor implements AutoCloseable {
    private static final String QUERY = """
            SELECT l.mode || ' on ' || CASE
                     WHEN l.relation IS NOT NULL THEN 'relation ' || l.relation::regclass::text
                     WHEN l.transactionid IS NOT NULL THEN 'transaction ' || l.transactionid::text
                     WHEN l.locktype = 'advisory' THEN 'advisory lock ' || l.classid || '/' || l.objid
                     ELSE l.locktype END
                   || coalesce(', held by ' || (
                       SELECT string_agg(format('pid %s (application %L, user %s, client %s, %s since %s%s)',
                                  a.pid, a.application_name, a.usename, coalesce(host(a.client_addr), 'local socket'),
                                  a.state, to_char(coalesce(a.xact_start, a.state_change), 'YYYY-MM-DD HH24:MI:SS'),
                                  coalesce(': ' || left(a.query, 80), '')), '; ')
                       FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(l.pid))), '')
            FROM pg_locks l WHERE l.pid = ? AND NOT l.granted LIMIT 1
            """;

    private final Supplier<Connection> opener;
    private final int pid;
    private final ScheduledExecutorService timer;
    private Connection connection;
    private volatile String observed;

    /**
     * @param opener opens the second connection (on first use)
     * @param pid    backend pid of the upgrade's connection
     */
    public LockMonitor(Supplier<Connection> opener, int pid) {
        this.opener = opener;
        this.pid = pid;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pum-lock-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the connection now, so that observing costs one query. */
    public synchronized void open() {
        if (connection == null) {
            connection = opener.get();
        }
    }

    /** Starts watching the current statement; close the handle when it ends. */
    public AutoCloseable watch(long afterMillis) {
        observed = null;
        ScheduledFuture<?> f = timer.schedule(this::observe, Math.max(5, afterMillis), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    /** What the last watched statement was seen waiting for, or null. */
    public String observed() {
        return observed;
    }

    private synchronized void observe() {
        try {
            open();
            try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
                ps.setInt(1, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        observed = rs.getString(1);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            // an observation is a courtesy; the upgrade's own error is what counts
        }
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }
}
