package pum.delta.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import pum.delta.DeltaException;
import pum.delta.DeltaException.Reason;

/**
 * Turns what the server or the driver said into a {@link DeltaException} with a typed reason, the
 * file, line and column, and a hint that is true for that failure. Decisions use SQLSTATEs and
 * what pum itself knows (it cancelled; a timeout was in effect), never message text.
 */
public final class Failures {
    private Failures() {
    }

    /** What the engine knew when a statement failed. */
    public record Context(boolean cancelledByPum, String cancelWhy, long statementTimeoutMs, long elapsedMs, String lockSeen) {
    }

    /** Whether the connection is gone: server shutdown or crash, network, or a closed connection. */
    public static boolean isConnectionLost(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String s = x.getSQLState();
            if (s != null && (s.startsWith("08") || s.equals("57P01") || s.equals("57P02") || s.equals("57P03"))) {
                return true;
            }
        }
        return false;
    }

    /** The reason for an SQLSTATE in a statement of a delta. */
    public static Reason reasonOf(SQLException e, Context ctx) {
        if (isConnectionLost(e)) {
            return Reason.CONNECTION_LOST;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "55P03" -> Reason.LOCK_TIMEOUT;
            case "57014" -> ctx.cancelledByPum() ? Reason.INTERRUPTED
                    : ctx.statementTimeoutMs() > 0 && ctx.elapsedMs() + 50 >= ctx.statementTimeoutMs() ? Reason.STATEMENT_TIMEOUT
                    : Reason.CANCELLED_BY_SERVER;
            default -> Reason.SQL_ERROR;
        };
    }

    /**
     * A failed statement of an SQL file.
     *
     * @param sent the text sent (after variables), to know whether the server's position maps onto the file
     */
    public static DeltaException statement(Path file, SqlStatement stmt, String sent, int index, int total, SQLException e, Context ctx) {
        Reason reason = reasonOf(e, ctx);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = RowStore.firstLine(e.getMessage());
        String detail = null;
        String hint = null;
        String where = null;
        int line = stmt.line();
        int column = stmt.column();
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
            ServerErrorMessage m = pe.getServerErrorMessage();
            message = m.getMessage();
            detail = m.getDetail();
            hint = m.getHint();
            where = m.getWhere();
            int pos = m.getPosition();
            // PostgreSQL counts characters of the statement it received; exact unless variables changed its text
            if (pos > 0 && sent.equals(stmt.sql())) {
                int[] lc = lineColumn(stmt, pos - 1);
                line = lc[0];
                column = lc[1];
            }
        }
        if (reason == Reason.INTERRUPTED) {
            // one line: the caller adds what was rolled back and where the database stands
            return new DeltaException(reason, "interrupted (" + ctx.cancelWhy() + ") at " + file + ":" + stmt.line() + ", statement "
                    + (index + 1) + " of " + total, null, e);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(':').append(line).append(':').append(column).append(": ");
        switch (reason) {
            case INTERRUPTED -> sb.append("interrupted (").append(ctx.cancelWhy()).append(")");
            case CONNECTION_LOST -> sb.append("the connection to the server was lost: ").append(message);
            default -> sb.append("ERROR ").append(state).append(": ").append(message);
        }
        if (detail != null) {
            sb.append("\n  detail: ").append(detail);
        }
        if (where != null && reason == Reason.SQL_ERROR) {
            sb.append("\n  context: ").append(RowStore.firstLine(where));
        }
        sb.append("\n  in statement ").append(index + 1).append(" of ").append(total).append(" (line ").append(stmt.line()).append("): ")
                .append(abbreviate(stmt.sql()));
        switch (reason) {
            case LOCK_TIMEOUT -> {
                sb.append("\n  lock_timeout expired: ").append(ctx.lockSeen() != null ? "it was waiting for " + ctx.lockSeen()
                        : "the lock it waited for was not observed (the wait was shorter than the first observation)");
                hint = "retry when the blocking session is done, or raise the timeout (--lock-timeout, lock_timeout in the config, or a '-- pum: lock-timeout' directive)";
            }
            case STATEMENT_TIMEOUT -> {
                sb.append("\n  statement_timeout expired after ").append(ctx.elapsedMs()).append(" ms (the statement ran that long")
                        .append(ctx.lockSeen() != null ? "; it was waiting for " + ctx.lockSeen() : "").append(")");
                hint = "raise the timeout (--statement-timeout, statement_timeout in the config, or a '-- pum: statement-timeout' directive)";
            }
            case CANCELLED_BY_SERVER -> {
                sb.append("\n  another session cancelled the statement (pg_cancel_backend), or the server did");
                hint = "find out who cancelled it, then run pum upgrade again";
            }
            case CONNECTION_LOST -> hint = "check that the server is up (pg_isready), then run 'pum info' to see what took effect and pum upgrade again";
            case INTERRUPTED -> hint = null;
            default -> {
                if (hint == null) {
                    hint = "fix the delta and run pum upgrade again";
                }
            }
        }
        return new DeltaException(reason, sb.toString(), hint, e);
    }

    /** A failed COMMIT of a version (deferred constraints, serialization failures, a lost connection). */
    public static DeltaException commit(String where, SQLException cause) {
        if (isConnectionLost(cause)) {
            return new DeltaException(Reason.CONNECTION_LOST, "the connection was lost while committing " + where
                    + ": whether the COMMIT took effect is unknown", "run 'pum info' when the server is back: it shows whether " + where
                    + " was recorded", cause);
        }
        String state = cause.getSQLState();
        return new DeltaException(Reason.COMMIT_FAILED, "committing " + where + " failed: " + RowStore.firstLine(cause.getMessage())
                + (state == null ? "" : " (SQLSTATE " + state + ")") + (state != null && state.startsWith("23") ? "; a deferred constraint failed at commit" : ""),
                "fix the delta and run pum upgrade again", cause);
    }

    /** The file line and column of a 0-based position inside a statement's text. */
    static int[] lineColumn(SqlStatement stmt, int pos) {
        int line = stmt.line();
        int column = stmt.column();
        String sql = stmt.sql();
        for (int i = 0; i < pos && i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** Statement text on one line, abbreviated. */
    public static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ").strip();
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}
