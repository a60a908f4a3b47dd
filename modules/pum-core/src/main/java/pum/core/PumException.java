package pum.core;

/**
 * The base of every pum exception. Each module has one subclass; all carry an {@link ErrorCode}
 * that maps to an exit code and an optional hint telling the user what to do next.
 * The message is one line, written for a user; the cause is kept for {@code -v} output.
 */
public class PumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String hint;

    /** An error with a code and a user-facing message. */
    public PumException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    /** An error with a code, a message and a hint ("what to do next"), or null. */
    public PumException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    /** An error with a code, a message, a hint (or null) and the underlying cause (or null). */
    public PumException(ErrorCode code, String message, String hint, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hint = hint;
    }

    /** What kind of failure this is. */
    public ErrorCode code() {
        return code;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }
}
