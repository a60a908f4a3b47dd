package pum.rehearsal;

import pum.core.ErrorCode;
import pum.core.PumException;

/**
 * A rehearsal stopped: before any step (a database named twice, identity not provable), in a
 * step (with the step and the cause, whose code it keeps), or at a question answered no.
 * Production is unchanged unless {@link #step()} is {@link Step#UPGRADE_PRODUCTION}.
 */
public final class RehearsalException extends PumException {
    private static final long serialVersionUID = 1L;

    private final transient Step step;

    /** A refusal before the steps, or a cancellation. */
    public RehearsalException(ErrorCode code, String message, String hint) {
        super(code, message, hint, null);
        this.step = null;
    }

    /** A step failed. */
    public RehearsalException(Step step, String message, String hint, PumException cause) {
        super(cause.code(), message, hint, cause);
        this.step = step;
    }

    /** The step that failed, or null when none had started or the user said no. */
    public Step step() {
        return step;
    }
}
