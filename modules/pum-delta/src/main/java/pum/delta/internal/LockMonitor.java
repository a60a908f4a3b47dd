package pum.delta.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches, from a second connection opened on first need, what lock the upgrade's backend waits
 * for while a statement runs, and says so: first after a few seconds, then every 10 s while the
 * wait lasts. PostgreSQL's "canceling statement due to lock timeout" does not say which lock or
 * who held it; by the time the error arrives the wait is over, so the wait is observed while it
 * happens. Where pg_stat_activity does not tell (another role's session), the text says
 * "unknown", never a guess.
 */
public final class LockMonitor implements AutoCloseable {
    private static final String QUERY = """
            SELECT l.mode || ' on ' || CASE
                     WHEN l.relation IS NOT NULL THEN 'relation ' || coalesce(l.relation::regclass::text, l.relation::text)
                     WHEN l.transactionid IS NOT NULL THEN 'transaction ' || l.transactionid::text
                     WHEN l.locktype = 'advisory' THEN 'advisory lock ' || l.classid || '/' || l.objid
                     ELSE l.locktype END
                   || coalesce(', held by ' || (
                       SELECT string_agg(format('pid %s (application %s, user %s, client %s, %s since %s)',
                                  b.pid, coalesce(quote_literal(nullif(a.application_name, '')), 'unknown'),
                                  coalesce(a.usename::text, 'unknown'),
                                  coalesce(host(a.client_addr), CASE WHEN a.backend_start IS NULL THEN 'unknown' ELSE 'local socket' END),
                                  coalesce(a.state, 'state unknown'),
                                  coalesce(to_char(coalesce(a.xact_start, a.state_change), 'YYYY-MM-DD HH24:MI:SS'), 'unknown')), '; ')
                       FROM unnest(pg_blocking_pids(l.pid)) AS b(pid) LEFT JOIN pg_stat_activity a ON a.pid = b.pid), ', held by unknown')
            FROM pg_locks l WHERE l.pid = ? AND NOT l.granted LIMIT 1
            """;
    private static final long REPEAT_MS = 10_000;

    private final Supplier<Connection> opener;
    private final int pid;
    private ScheduledExecutorService timer;
    private Connection connection;
    private volatile String observed;

    /**
     * @param opener opens the second connection (on first use)
     * @param pid    backend pid of the upgrade's connection
     */
    public LockMonitor(Supplier<Connection> opener, int pid) {
        this.opener = opener;
        this.pid = pid;
    }

    /**
     * Starts watching the current statement; close the handle when it ends.
     *
     * @param firstMs  when to look first (0: never)
     * @param reportMs from when on to report what is seen (0: never report, only remember)
     * @param report   receives a line per observation of a lock wait
     * @param advice   appended to reports (how to set a lock_timeout), or empty
     */
    public synchronized AutoCloseable watch(long firstMs, long reportMs, Consumer<String> report, String advice) {
        observed = null;
        if (firstMs <= 0) {
            return () -> { };
        }
        if (timer == null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "pum-lock-monitor");
                th.setDaemon(true);
                return th;
            });
            // a watch is cancelled after every round trip: 10,000 deltas must not leave 20,000 dead tasks queued
            t.setRemoveOnCancelPolicy(true);
            timer = t;
        }
        long start = System.nanoTime();
        ScheduledFuture<?> f = timer.scheduleWithFixedDelay(() -> {
            String seen = observe();
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (seen != null && reportMs > 0 && waited >= reportMs - 50) {
                report.accept("waiting " + (waited + 500) / 1000 + " s for a lock: " + seen + advice);
            }
        }, firstMs, firstMs >= reportMs || reportMs <= 0 ? REPEAT_MS : Math.max(5, reportMs - firstMs), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    /** What the last watched statement was seen waiting for, or null. */
    public String observed() {
        return observed;
    }

    private synchronized String observe() {
        try {
            if (connection == null) {
                connection = opener.get();
            }
            try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
                ps.setInt(1, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        observed = rs.getString(1);
                        return observed;
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            // an observation is a courtesy; the upgrade's own error is what counts
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }
}
