package pum.rehearsal;

import java.time.Duration;
import pum.backup.BackupProgress;
import pum.delta.UpgradeResult;

/**
 * Hears how a rehearsal goes. Every method is called on the thread that runs the rehearsal;
 * all have empty defaults.
 */
public interface RehearsalListener {
    /** Hears nothing. */
    RehearsalListener NONE = new RehearsalListener() { };

    /** What production would get: the dry run made before anything else. */
    default void planned(UpgradeResult plan) {
    }

    /** A step begins; {@code what} says with what ({@code dump production db1:5432/prod to /tmp/...}). */
    default void stepStarted(Step step, String what) {
    }

    /** A step ended well, after {@code took}; {@code summary} says what it did ({@code 42 tables, 1.2 GB}). */
    default void stepFinished(Step step, Duration took, String summary) {
    }

    /** A line worth showing: a throwaway server started, a database dropped, a delta file applied. */
    default void note(String line) {
    }

    /** pg_dump or pg_restore progress, during {@link Step#DUMP} and {@link Step#RESTORE}. */
    default void backupProgress(BackupProgress progress) {
    }
}
