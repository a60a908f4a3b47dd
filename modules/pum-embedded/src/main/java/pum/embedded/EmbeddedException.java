package pum.embedded;

import pum.core.ErrorCode;
import pum.core.PumException;

/** Failure to find binaries for, initialise, start or stop an embedded PostgreSQL server. */
public class EmbeddedException extends PumException {
    private static final long serialVersionUID = 1L;

    /** An error with a hint (or null) and a cause (or null). */
    public EmbeddedException(ErrorCode code, String message, String hint, Throwable cause) {
        super(code, message, hint, cause);
    }
}
