package pum.delta;

import pum.core.ErrorCode;
import pum.core.PumException;

/** Failure in delta files, the upgrades table or an upgrade. */
public class DeltaException extends PumException {
    private static final long serialVersionUID = 1L;

    /** An error with a code, a message, a hint (or null) and a cause (or null). */
    public DeltaException(ErrorCode code, String message, String hint, Throwable cause) {
        super(code, message, hint, cause);
    }
}
