package pum.catalog;

import pum.core.ErrorCode;
import pum.core.PumException;

/** Failure to read a database catalog. */
public class CatalogException extends PumException {
    private static final long serialVersionUID = 1L;

    /** An error with a code, a message, a hint (or null) and a cause (or null). */
    public CatalogException(ErrorCode code, String message, String hint, Throwable cause) {
        super(code, message, hint, cause);
    }
}
