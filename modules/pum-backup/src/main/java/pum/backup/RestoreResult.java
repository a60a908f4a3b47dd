package pum.backup;

import java.time.Duration;
import java.util.List;

/**
 * A finished restore.
 *
 * @param entries       how many entries of the dump's table of contents were selected for restoring
 * @param duration      how long it took, set-up included
 * @param errorCount    how many statements failed; only non-zero with
 *                      {@link RestoreOptions#ignoreErrors()} (otherwise the restore throws)
 * @param errors        one line per failed statement, {@code message (command)}, in order
 * @param pgRestore     the pg_restore that ran: path and version
 */
public record RestoreResult(int entries, Duration duration, int errorCount, List<String> errors, String pgRestore) {

    /** Copies the list. */
    public RestoreResult {
        errors = List.copyOf(errors);
    }

    /** Whether errors were ignored. */
    public boolean hasErrors() {
        return errorCount > 0;
    }
}
