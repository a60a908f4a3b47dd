package pum.backup;

import java.util.List;

/**
 * How to restore. Objects are always restored without their original owners (pg_restore
 * {@code --no-owner}, as PUM did): they belong to the role pum connects as, so a dump taken on one
 * server restores on another that lacks its roles.
 *
 * <p>A restore never mixes old and new rows: into a database that holds objects it runs only with
 * {@code clean}, which drops what the dump contains first. Without {@code ignoreErrors} and with
 * one job it is one transaction: a failed restore leaves the database as it was.
 *
 * @param excludeSchemas schemas (patterns as pg_restore's {@code -N} takes them) not restored
 * @param ignoreErrors   {@code true} to carry on when statements of the dump fail (PUM's {@code -x}):
 *                       the errors are then reported in {@link RestoreResult} instead of failing;
 *                       the restore is then not one transaction
 * @param clean          drop the objects the dump contains before creating them
 *                       ({@code pg_restore --clean --if-exists}); needed when the database is not empty
 * @param jobs           parallel jobs ({@code pg_restore -j}); more than one only into an empty
 *                       database, and not as one transaction (a failed restore leaves part of
 *                       the dump: restore into a database you can drop)
 * @param verify         read the whole dump first ({@code pg_restore -f /dev/null}), so that a
 *                       truncated or corrupt file is refused before anything is restored (its
 *                       table of contents alone does not prove the data is complete)
 */
public record RestoreOptions(List<String> excludeSchemas, boolean ignoreErrors, boolean clean, int jobs, boolean verify) {

    /** Copies the list; null means none. */
    public RestoreOptions {
        excludeSchemas = excludeSchemas == null ? List.of() : List.copyOf(excludeSchemas);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
    }

    /** Into an empty database, one job, the dump verified first. */
    public RestoreOptions(List<String> excludeSchemas, boolean ignoreErrors) {
        this(excludeSchemas, ignoreErrors, false, 1, true);
    }

    /** Everything, and any error fails the restore. */
    public static RestoreOptions defaults() {
        return new RestoreOptions(List.of(), false);
    }

    /** The same, dropping what the dump contains first. */
    public RestoreOptions withClean(boolean dropFirst) {
        return new RestoreOptions(excludeSchemas, ignoreErrors, dropFirst, jobs, verify);
    }

    /** The same with this many jobs. */
    public RestoreOptions withJobs(int n) {
        return new RestoreOptions(excludeSchemas, ignoreErrors, clean, n, verify);
    }

    /** The same, reading the whole dump first or not (a dump pg_dump has just written needs no check). */
    public RestoreOptions withVerify(boolean readFirst) {
        return new RestoreOptions(excludeSchemas, ignoreErrors, clean, jobs, readFirst);
    }

    /** Whether pg_restore runs as one transaction: without ignoreErrors, with one job. */
    public boolean singleTransaction() {
        return !ignoreErrors && jobs == 1;
    }
}
