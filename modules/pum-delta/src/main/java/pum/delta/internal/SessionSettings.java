package pum.delta.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import pum.delta.DeltaException;
import pum.delta.DeltaException.Reason;

/**
 * The upgrade connection's settings: its backend pid, {@code application_name}, the timeouts in
 * effect (the session's, {@code --lock-timeout}/{@code --statement-timeout}, a file's directives),
 * and {@code client_connection_check_interval}, which makes the server notice a killed pum while a
 * statement still runs (waiting on a lock, say) and roll back instead of going on alone.
 */
public final class SessionSettings {
    private final Connection c;
    private int pid;
    private String lockTimeout;
    private String statementTimeout;
    private long lockTimeoutMs;
    private long statementTimeoutMs;

    private SessionSettings(Connection c) {
        this.c = c;
    }

    /**
     * Sets the session up in one round trip (plus one when timeouts are given).
     *
     * @param lockTimeout      lock_timeout for the whole upgrade, or null for the server's
     * @param statementTimeout statement_timeout for the whole upgrade, or null for the server's
     */
    public static SessionSettings open(Connection c, String lockTimeout, String statementTimeout) {
        SessionSettings s = new SessionSettings(c);
        // one round trip: every one counts in the no-op upgrade each deploy runs
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), set_config('application_name', 'pum upgrade', false),"
                     + " CASE WHEN current_setting('server_version_num')::int >= 140000"
                     + " THEN set_config('client_connection_check_interval', '1000', false) END,"
                     + " current_setting('lock_timeout'), current_setting('statement_timeout'),"
                     + " (SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'),"
                     + " (SELECT setting::bigint FROM pg_settings WHERE name = 'statement_timeout')")) {
            rs.next();
            s.pid = rs.getInt(1);
            s.lockTimeout = rs.getString(4);
            s.statementTimeout = rs.getString(5);
            s.lockTimeoutMs = rs.getLong(6);
            s.statementTimeoutMs = rs.getLong(7);
        } catch (SQLException e) {
            throw new DeltaException(Failures.isConnectionLost(e) ? Reason.CONNECTION_LOST : Reason.UPGRADES_TABLE,
                    "preparing the upgrade connection failed: " + RowStore.firstLine(e.getMessage()), null, e);
        }
        if (lockTimeout != null || statementTimeout != null) {
            s.set(lockTimeout, statementTimeout, false, "--lock-timeout/--statement-timeout");
            // what per-file directives return to
            s.lockTimeout = lockTimeout != null ? lockTimeout : s.lockTimeout;
            s.statementTimeout = statementTimeout != null ? statementTimeout : s.statementTimeout;
        }
        return s;
    }

    /** The upgrade connection's backend pid. */
    public int pid() {
        return pid;
    }

    /** lock_timeout in effect, in ms (0: none). */
    public long lockTimeoutMs() {
        return lockTimeoutMs;
    }

    /** statement_timeout in effect, in ms (0: none). */
    public long statementTimeoutMs() {
        return statementTimeoutMs;
    }

    /**
     * Sets timeouts (null: leave as is), for the transaction ({@code local}) or the session.
     *
     * @param where names the source of the values in an error ("--lock-timeout", a file's directives)
     */
    public void set(String lock, String statement, boolean local, String where) {
        try {
            apply(lock, statement, local);
        } catch (SQLException e) {
            throw new DeltaException(Reason.BAD_OPTION, "invalid timeout in " + where + ": " + RowStore.firstLine(e.getMessage()),
                    "use PostgreSQL's units, for example 500ms, 10s or 5min", e);
        }
    }

    /** Back to the upgrade's timeouts after a file with its own. */
    public void restore(boolean local) {
        try {
            apply(lockTimeout, statementTimeout, local);
        } catch (SQLException e) {
            // a failed transaction cannot run it; the rollback restores the values anyway
        }
    }

    private void apply(String lock, String statement, boolean local) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', coalesce(?, current_setting('lock_timeout')), ?),"
                + " set_config('statement_timeout', coalesce(?, current_setting('statement_timeout')), ?),"
                + " (SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'),"
                + " (SELECT setting::bigint FROM pg_settings WHERE name = 'statement_timeout')")) {
            ps.setString(1, lock);
            ps.setBoolean(2, local);
            ps.setString(3, statement);
            ps.setBoolean(4, local);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                lockTimeoutMs = rs.getLong(3);
                statementTimeoutMs = rs.getLong(4);
            }
        }
    }

    /** When to first look at a statement's lock wait: the report delay, or half the shortest timeout if sooner. */
    public long firstObservationMs(long reportAfterMs) {
        long min = reportAfterMs > 0 ? reportAfterMs : Long.MAX_VALUE;
        if (lockTimeoutMs > 0) {
            min = Math.min(min, Math.max(5, lockTimeoutMs / 2));
        }
        if (statementTimeoutMs > 0) {
            min = Math.min(min, Math.max(5, statementTimeoutMs / 2));
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }
}
