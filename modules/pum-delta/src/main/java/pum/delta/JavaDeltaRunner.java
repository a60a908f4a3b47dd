package pum.delta;

import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Consumer;
import pum.delta.DeltaException.Reason;
import pum.delta.internal.GuardedConnection;
import pum.delta.internal.PreparedFile;
import pum.delta.internal.RowStore;

/**
 * Runs one Java delta on the upgrade's connection, so that it cannot escape its version's
 * transaction: it gets a {@link GuardedConnection}; a token set transaction-locally before it runs
 * must still be there after (any way of ending the transaction resets it); and a
 * {@code System.exit} inside it — there is no SecurityManager to stop one on newer JDKs — meets a
 * shutdown hook that says what happened and makes the exit status non-zero. The version's
 * transaction was never committed, so the server rolls it back when the process dies.
 */
final class JavaDeltaRunner {
    private JavaDeltaRunner() {
    }

    record Context(Version current, String pgService, String upgradesTable, java.util.Map<String, Object> variables,
                   Consumer<String> progress, String where) {
    }

    static void run(PreparedFile p, Connection c, boolean inTransaction, Context ctx) {
        DeltaFile f = p.file();
        Delta delta;
        try {
            Constructor<?> ctor = p.javaClass().getDeclaredConstructor();
            ctor.setAccessible(true);
            delta = (Delta) ctor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeltaException(Reason.JAVA_COMPILE, f.path() + ": cannot create " + p.javaClass().getName()
                    + ": it needs a public constructor without arguments (" + e + ")", null, e);
        }
        GuardedConnection guard = GuardedConnection.of(c, f.fileName(), inTransaction);
        delta.bind(new Delta.Context(ctx.current(), f.path().toAbsolutePath().getParent(), ctx.pgService(), ctx.upgradesTable(),
                ctx.variables(), guard.connection(), ctx.progress()));
        String token = inTransaction ? setToken(c) : null;
        Thread exitHook = new Thread(() -> {
            System.err.println("pum: error: the process is exiting while the Java delta " + f.path() + " runs (" + ctx.where()
                    + "): it called System.exit, or pum was told to stop; nothing of " + ctx.where() + " was committed"
                    + (inTransaction ? "" : " by pum (it runs without a transaction: what its statements did stays; pum info shows it as interrupted)"));
            System.err.flush();
            Runtime.getRuntime().halt(Reason.JAVA_EXITED.code().exitCode());
        }, "pum-java-delta-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
        try {
            delta.run();
        } catch (OutOfMemoryError e) {
            throw new DeltaException(Reason.RESOURCES, f.path() + ": out of memory in the Java delta; " + ctx.where() + " was not committed",
                    "give pum more memory (PUM_JAVA_OPTS=-Xmx2g) or make the delta stream its work", e);
        } catch (Exception | LinkageError | StackOverflowError e) {
            if (guard.violation() != null) {
                throw broke(f, guard.violation(), e);
            }
            int line = 0;
            for (StackTraceElement el : e.getStackTrace()) {
                if (f.fileName().equals(el.getFileName()) || (el.getFileName() != null && el.getFileName().endsWith("/" + f.fileName()))) {
                    line = el.getLineNumber();
                    break;
                }
            }
            String state = e instanceof SQLException s && s.getSQLState() != null ? " (SQLSTATE " + s.getSQLState() + ")" : "";
            Reason r = e instanceof SQLException s && pum.delta.internal.Failures.isConnectionLost(s) ? Reason.CONNECTION_LOST : Reason.JAVA_ERROR;
            throw new DeltaException(r, f.path() + (line > 0 ? ":" + line : "") + ": " + e.getClass().getSimpleName()
                    + ": " + RowStore.firstLine(e.getMessage()) + state, null, e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
        }
        if (guard.violation() != null) {
            throw broke(f, guard.violation(), null);
        }
        String now = token == null ? null : readToken(c);
        if (token != null && now != ABORTED && !token.equals(now)) {
            throw broke(f, "the transaction pum runs the version in ended while the delta ran", null);
        }
    }

    private static DeltaException broke(DeltaFile f, String what, Throwable cause) {
        return new DeltaException(Reason.JAVA_BROKE_TRANSACTION, f.path() + ": the Java delta tried something pum does not allow: " + what,
                "leave transaction control to pum: it commits the delta's work together with the version's row; for work that must "
                        + "commit on its own, put \"// pum: no-transaction\" on the delta's first line", cause);
    }

    private static String setToken(Connection c) {
        String token = UUID.randomUUID().toString();
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('pum.transaction', ?, true)")) {
            ps.setString(1, token);
            ps.executeQuery().close();
            return token;
        } catch (SQLException e) {
            throw new DeltaException(pum.delta.internal.Failures.isConnectionLost(e) ? Reason.CONNECTION_LOST : Reason.SQL_ERROR,
                    "preparing the transaction for a Java delta failed: " + RowStore.firstLine(e.getMessage()), null, e);
        }
    }

    /** readToken's answer in a transaction that a failed statement aborted: the COMMIT reports that. */
    private static final String ABORTED = new String("aborted");

    private static String readToken(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('pum.transaction', true)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "25P02".equals(e.getSQLState()) ? ABORTED : null;
        }
    }
}
