package pum.core;

/**
 * Classes of failure, each with the process exit code the CLI returns for it.
 * The table is documented in {@code docs/exit-codes.md}; codes never change meaning.
 */
public enum ErrorCode {
    /** Differences were found by a comparison (check, test-and-upgrade). Not an error as such. */
    DIFFERENCES(1),
    /** Bad command line: unknown option, missing argument, malformed value. */
    USAGE(2),
    /** The configuration file or a delta directory is invalid (YAML, keys, file names, versions). */
    CONFIG(3),
    /** A database could not be reached: unknown service, wrong password, unreachable host. */
    CONNECTION(4),
    /** A statement or delta failed on the server, or the database is not in the expected state. */
    DATABASE(5),
    /** An external program (pg_dump, pg_restore, initdb, python3) is missing or failed. */
    EXTERNAL_TOOL(6),
    /** A lock could not be taken in time (another upgrade, or a lock_timeout in a delta). */
    LOCK(7),
    /** The user declined a confirmation, or a confirmation was needed but no terminal was there. */
    ABORTED(8),
    /** A bug in pum. Please report it with the output of {@code -vv}. */
    INTERNAL(10);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit status for this kind of failure. */
    public int exitCode() {
        return exitCode;
    }
}
