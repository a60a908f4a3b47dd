package pum.backup;

import java.util.List;
import pum.core.ErrorCode;
import pum.core.PumException;

/**
 * Failure of pg_dump, pg_restore or their set-up. When the tool ran and failed, {@link #exitStatus()}
 * is its exit status and {@link #toolOutput()} holds the messages it printed (pg_restore's errors,
 * pg_dump's error lines), for the caller to show above the one-line message.
 */
public class BackupException extends PumException {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;
    private final List<String> toolOutput;

    /** An error with a code, a message, a hint (or null) and a cause (or null). */
    public BackupException(ErrorCode code, String message, String hint, Throwable cause) {
        this(code, message, hint, cause, -1, List.of());
    }

    /**
     * An error of a tool that ran.
     *
     * @param exitStatus the tool's exit status, or -1 when it did not run to its end
     * @param toolOutput the lines it printed that explain the failure (may be empty)
     */
    public BackupException(ErrorCode code, String message, String hint, Throwable cause, int exitStatus,
                           List<String> toolOutput) {
        super(code, message, hint, cause);
        this.exitStatus = exitStatus;
        this.toolOutput = List.copyOf(toolOutput);
    }

    /** The exit status of pg_dump or pg_restore, or -1 when the failure happened before or around it. */
    public int exitStatus() {
        return exitStatus;
    }

    /** What pg_dump or pg_restore printed about the failure, one line per element; empty if nothing. */
    public List<String> toolOutput() {
        return toolOutput;
    }
}
