package pum.backup;

import pum.core.ErrorCode;
import pum.core.PumException;

/** Failure of pg_dump, pg_restore or their set-up. */
public class BackupException extends PumException {
    private static final long serialVersionUID = 1L;

    /** An error with a code, a message, a hint (or null) and a cause (or null). */
    public BackupException(ErrorCode code, String message, String hint, Throwable cause) {
        super(code, message, hint, cause);
    }
}
