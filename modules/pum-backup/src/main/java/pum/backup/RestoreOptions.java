package pum.backup;

import java.util.List;

/**
 * How to restore. Objects are always restored without their original owners (pg_restore
 * {@code --no-owner}, as PUM did): they belong to the role pum connects as, so a dump taken on one
 * server restores on another that lacks its roles.
 *
 * @param excludeSchemas schemas (patterns as pg_restore's {@code -N} takes them) not restored
 * @param ignoreErrors   {@code true} to carry on when statements of the dump fail (PUM's {@code -x}):
 *                       the errors are then reported in {@link RestoreResult} instead of failing
 */
public record RestoreOptions(List<String> excludeSchemas, boolean ignoreErrors) {

    /** Copies the list; null means none. */
    public RestoreOptions {
        excludeSchemas = excludeSchemas == null ? List.of() : List.copyOf(excludeSchemas);
    }

    /** Everything, and any error fails the restore. */
    public static RestoreOptions defaults() {
        return new RestoreOptions(List.of(), false);
    }
}
