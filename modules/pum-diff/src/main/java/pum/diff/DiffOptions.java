package pum.diff;

import java.util.List;
import java.util.Set;
import pum.catalog.ObjectKind;

/**
 * What a comparison leaves out.
 *
 * @param ignoredKinds   kinds not compared at all ({@code -i})
 * @param ignoredPatterns SQL LIKE patterns ({@code -P}): a changed field is not reported when its
 *                       value on either side matches one of them (see {@link Diff#compare})
 * @param columnOrder    whether a column's position counts (off by default: a column added by
 *                       ALTER TABLE lands last, the same column in a fresh CREATE TABLE may not)
 */
public record DiffOptions(Set<ObjectKind> ignoredKinds, List<String> ignoredPatterns, boolean columnOrder) {
    /** Copies the collections. */
    public DiffOptions {
        ignoredKinds = Set.copyOf(ignoredKinds);
        ignoredPatterns = List.copyOf(ignoredPatterns);
    }

    /** Compare everything; column order does not count. */
    public static DiffOptions defaults() {
        return new DiffOptions(Set.of(), List.of(), false);
    }
}
