package pum.delta;

import pum.core.ErrorCode;
import pum.core.PumException;

/**
 * Failure in delta files, the upgrades table or an upgrade. Callers and tests decide on
 * {@link #reason()}, never on the message text.
 */
public class DeltaException extends PumException {
    private static final long serialVersionUID = 1L;

    /** Why an operation failed; each reason has the exit code documented in docs/exit-codes.md. */
    public enum Reason {
        /** A bad option value: a timeout, a file name that is not pending, a resume position. */
        BAD_OPTION(ErrorCode.USAGE),
        /** A delta directory is missing or unreadable. */
        BAD_DIRECTORY(ErrorCode.CONFIG),
        /** A file named like a delta does not follow the grammar. */
        MISNAMED_FILE(ErrorCode.CONFIG),
        /** A file cannot be read: not a regular file, unreadable, bad encoding, NUL byte. */
        UNREADABLE_FILE(ErrorCode.CONFIG),
        /** A {@code -- pum:} directive is malformed. */
        BAD_DIRECTIVE(ErrorCode.CONFIG),
        /** A psql meta-command ({@code \i}, {@code \set}) in an SQL delta. */
        META_COMMAND(ErrorCode.CONFIG),
        /** Transaction control in a file pum runs in one transaction. */
        TRANSACTION_CONTROL(ErrorCode.CONFIG),
        /** A {@code ${name}} variable without a value. */
        MISSING_VARIABLE(ErrorCode.CONFIG),
        /** A Java delta does not compile or cannot be instantiated. */
        JAVA_COMPILE(ErrorCode.CONFIG),
        /** An applied delta was edited since it was applied. */
        EDITED_DELTA(ErrorCode.CONFIG),
        /** A non-transactional delta failed in an earlier upgrade and is not retried. */
        FAILED_EARLIER(ErrorCode.DATABASE),
        /** A non-transactional delta was interrupted in an earlier upgrade (crash, kill -9). */
        INTERRUPTED_EARLIER(ErrorCode.DATABASE),
        /** The upgrades table is missing or empty (no baseline). */
        NO_BASELINE(ErrorCode.DATABASE),
        /** A baseline is set already. */
        ALREADY_BASELINED(ErrorCode.DATABASE),
        /** A statement of a delta failed on the server. */
        SQL_ERROR(ErrorCode.DATABASE),
        /** A deferred constraint or serialization failure at COMMIT. */
        COMMIT_FAILED(ErrorCode.DATABASE),
        /** A Java delta threw. */
        JAVA_ERROR(ErrorCode.DATABASE),
        /** A Java delta tried to end, commit or roll back the transaction pum runs it in. */
        JAVA_BROKE_TRANSACTION(ErrorCode.DATABASE),
        /** A Java delta called System.exit. */
        JAVA_EXITED(ErrorCode.DATABASE),
        /** A Python delta failed. */
        PYTHON_ERROR(ErrorCode.DATABASE),
        /** No python3 to run pending Python deltas. */
        PYTHON_MISSING(ErrorCode.EXTERNAL_TOOL),
        /** A statement waited longer than lock_timeout. */
        LOCK_TIMEOUT(ErrorCode.LOCK),
        /** A statement ran longer than statement_timeout. */
        STATEMENT_TIMEOUT(ErrorCode.DATABASE),
        /** Another upgrade of the same table held the upgrade lock past --lock-wait. */
        UPGRADE_LOCK_TIMEOUT(ErrorCode.LOCK),
        /** Another session cancelled pum's statement (pg_cancel_backend). */
        CANCELLED_BY_SERVER(ErrorCode.DATABASE),
        /** pum was asked to stop (SIGINT, SIGTERM, the shell's Ctrl-C). */
        INTERRUPTED(ErrorCode.ABORTED),
        /** The connection to the server was lost (server stopped, network). */
        CONNECTION_LOST(ErrorCode.CONNECTION),
        /** Reading or writing the upgrades table failed. */
        UPGRADES_TABLE(ErrorCode.DATABASE),
        /** Out of memory, or another JVM error. */
        RESOURCES(ErrorCode.INTERNAL),
        /** A bug in pum. */
        INTERNAL(ErrorCode.INTERNAL),
        /** Raised by code that does not give a reason (kept for callers of the old constructor). */
        UNSPECIFIED(ErrorCode.INTERNAL);

        private final ErrorCode code;

        Reason(ErrorCode code) {
            this.code = code;
        }

        /** The exit code class of this reason. */
        public ErrorCode code() {
            return code;
        }
    }

    private final Reason reason;

    /** An error of a typed reason (its code is the reason's), with a message, a hint (or null) and a cause (or null). */
    public DeltaException(Reason reason, String message, String hint, Throwable cause) {
        super(reason.code(), message, hint, cause);
        this.reason = reason;
    }

    /** An error with a code, a message, a hint (or null) and a cause (or null), without a typed reason. */
    public DeltaException(ErrorCode code, String message, String hint, Throwable cause) {
        super(code, message, hint, cause);
        this.reason = Reason.UNSPECIFIED;
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }

    /** The same failure with more text after the message and another hint (null keeps this one's). */
    public DeltaException extend(String moreMessage, String newHint) {
        DeltaException d = reason == Reason.UNSPECIFIED
                ? new DeltaException(code(), getMessage() + moreMessage, newHint != null ? newHint : hint(), getCause())
                : new DeltaException(reason, getMessage() + moreMessage, newHint != null ? newHint : hint(), getCause());
        for (Throwable s : getSuppressed()) {
            d.addSuppressed(s);
        }
        return d;
    }
}
