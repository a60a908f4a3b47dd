package pum.shell.internal.cli;

import pum.core.ErrorCode;
import pum.core.PumException;

/** The command line does not fit the command's options: exit code 2. */
public final class UsageException extends PumException {
    private static final long serialVersionUID = 1L;

    /** A usage error with a message and a hint. */
    public UsageException(String message, String hint) {
        super(ErrorCode.USAGE, message, hint);
    }
}
