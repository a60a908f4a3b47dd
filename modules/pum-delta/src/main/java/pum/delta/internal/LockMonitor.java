package pum.delta.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
    private Connection connection;
    private volatile String observed;
    /** The statement being watched now, or null between round trips. */
    private final AtomicReference<Watch> current = new AtomicReference<>();
    /** The watching thread, started by the first watch that can observe anything. */
    private volatile Thread thread;
    private volatile boolean idle;
    private volatile long sleepingUntil = Long.MAX_VALUE;
    private volatile boolean closed;

    /** One watched round trip: when to look next and how to report. */
    private static final class Watch {
        final long start;
        final long periodNanos;
        final long reportMs;
        final Consumer<String> report;
        final String advice;
        /** Next observation (System.nanoTime); only the watching thread changes it after creation. */
        volatile long due;

        Watch(long firstMs, long reportMs, Consumer<String> report, String advice) {
            this.start = System.nanoTime();
            this.due = start + TimeUnit.MILLISECONDS.toNanos(firstMs);
            long period = firstMs >= reportMs || reportMs <= 0 ? REPEAT_MS : Math.max(5, reportMs - firstMs);
            this.periodNanos = TimeUnit.MILLISECONDS.toNanos(period);
            this.reportMs = reportMs;
            this.report = report;
            this.advice = advice;
        }
    }

    /**
     * @param opener opens the second connection (on first use)
     * @param pid    backend pid of the upgrade's connection
     */
    public LockMonitor(Supplier<Connection> opener, int pid) {
        this.opener = opener;
        this.pid = pid;
    }

    /**
     * Starts watching the current statement; close the handle when it ends. Costs no thread
     * wake-up: one watching thread sleeps until the watched statement's first observation is due,
     * and finds the round trip over (or the next one's watch) when it wakes. An upgrade of 10,000
     * versions makes 20,000 round trips; scheduling and cancelling a timer task for each woke a
     * thread twice per round trip.
     *
     * @param firstMs  when to look first (0: never)
     * @param reportMs from when on to report what is seen (0: never report, only remember)
     * @param report   receives a line per observation of a lock wait
     * @param advice   appended to reports (how to set a lock_timeout), or empty
     */
    public AutoCloseable watch(long firstMs, long reportMs, Consumer<String> report, String advice) {
        observed = null;
        if (firstMs <= 0) {
            return () -> { };
        }
        Watch w = new Watch(firstMs, reportMs, report, advice);
        current.set(w);
        Thread t = thread();
        if (idle || w.due < sleepingUntil) {
            LockSupport.unpark(t);
        }
        return () -> current.compareAndSet(w, null);
    }

    private Thread thread() {
        Thread t = thread;
        if (t != null) {
            return t; // without the monitor, which an observation in progress holds
        }
        synchronized (this) {
            if (thread == null) {
                t = new Thread(this::watching, "pum-lock-monitor");
                t.setDaemon(true);
                t.start();
                thread = t;
            }
            return thread;
        }
    }

    private void watching() {
        while (!closed) {
            Watch w = current.get();
            if (w == null) {
                idle = true;
                if (current.get() == null && !closed) {
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            long now = System.nanoTime();
            if (now - w.due < 0) {
                sleepingUntil = w.due;
                LockSupport.parkNanos(this, w.due - now);
                sleepingUntil = Long.MAX_VALUE;
                continue;
            }
            String seen = observe();
            if (current.get() != w) {
                continue; // the round trip ended while it was looked at
            }
            if (seen != null) {
                observed = seen;
                long waited = (System.nanoTime() - w.start) / 1_000_000;
                if (w.reportMs > 0 && waited >= w.reportMs - 50) {
                    w.report.accept("waiting " + (waited + 500) / 1000 + " s for a lock: " + seen + w.advice);
                }
            }
            w.due = System.nanoTime() + w.periodNanos;
        }
    }

    /** What the last watched statement was seen waiting for, or null. */
    public String observed() {
        return observed;
    }

    private synchronized String observe() {
        if (closed) {
            return null;
        }
        try {
            if (connection == null) {
                connection = opener.get();
            }
            try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
                ps.setInt(1, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
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
        closed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
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
