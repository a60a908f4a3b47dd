package pum.backup;

import java.time.Duration;

/**
 * A snapshot of a running dump or restore, handed to a {@link Listener} when pg_dump or
 * pg_restore reports an object and about every half second in between.
 *
 * @param operation what runs
 * @param done      objects done: tables whose contents were dumped, or table-of-contents entries
 *                  restored
 * @param total     how many there are, or -1 when unknown
 * @param bytes     for a dump, the bytes written so far; for a restore, how far pg_restore has read
 *                  into the dump file (0 when the system does not tell, as outside Linux)
 * @param fileBytes for a restore, the size of the dump file; -1 for a dump
 * @param elapsed   time since the tool started
 * @param current   what the tool works on now ({@code table "a.t"}), or an empty string
 * @param finished  {@code true} for the last snapshot, sent once the tool exited successfully
 */
public record BackupProgress(Operation operation, long done, long total, long bytes, long fileBytes, Duration elapsed,
                             String current, boolean finished) {

    /** What runs. */
    public enum Operation {
        /** pg_dump. */
        DUMP,
        /** pg_restore. */
        RESTORE
    }

    /** Receives progress; called from the thread that called dump or restore, never concurrently. */
    @FunctionalInterface
    public interface Listener {
        /** Ignores progress. */
        Listener NONE = p -> { };

        /** A new snapshot. */
        void progress(BackupProgress progress);
    }
}
