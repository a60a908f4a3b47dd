package pum.backup;

import java.util.List;

/**
 * What to leave out of a dump. Dumps are always in pg_dump's custom format (compressed, read by
 * pg_restore).
 *
 * @param excludeSchemas schemas (patterns as pg_dump's {@code -N} takes them) whose objects are not
 *                       dumped
 */
public record DumpOptions(List<String> excludeSchemas) {

    /** Copies the list; null means none. */
    public DumpOptions {
        excludeSchemas = excludeSchemas == null ? List.of() : List.copyOf(excludeSchemas);
    }

    /** Everything: no schema excluded. */
    public static DumpOptions defaults() {
        return new DumpOptions(List.of());
    }
}
