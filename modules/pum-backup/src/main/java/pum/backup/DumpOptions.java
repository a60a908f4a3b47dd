package pum.backup;

import java.util.List;

/**
 * What to leave out of a dump, and how to write it.
 *
 * @param excludeSchemas schemas (patterns as pg_dump's {@code -N} takes them) whose objects are not
 *                       dumped
 * @param jobs           how many tables pg_dump copies at once: 1 writes one custom-format file
 *                       (compressed, what PUM wrote); more write a directory-format dump (one
 *                       file per table, {@code pg_dump -Fd -j N}), which pg_restore can also load
 *                       in parallel
 */
public record DumpOptions(List<String> excludeSchemas, int jobs) {

    /** Copies the list; null means none. */
    public DumpOptions {
        excludeSchemas = excludeSchemas == null ? List.of() : List.copyOf(excludeSchemas);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
    }

    /** One custom-format file. */
    public DumpOptions(List<String> excludeSchemas) {
        this(excludeSchemas, 1);
    }

    /** Everything: no schema excluded, one custom-format file. */
    public static DumpOptions defaults() {
        return new DumpOptions(List.of());
    }

    /** The same with this many jobs (more than one: a directory-format dump). */
    public DumpOptions withJobs(int n) {
        return new DumpOptions(excludeSchemas, n);
    }

    /** Whether the dump is a directory (more than one job). */
    public boolean directory() {
        return jobs > 1;
    }
}
