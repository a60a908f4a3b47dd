package pum.diff;

import java.util.List;
import java.util.Set;
import pum.catalog.ObjectKind;

/**
 * What a comparison leaves out.
 *
 * @param ignoredKinds           kinds not compared at all ({@code -i})
 * @param excludedColumnPatterns SQL LIKE patterns ({@code -P/--exclude-field-pattern}, PUM's
 *                               meaning): columns whose name matches one of them are left out of
 *                               the comparison, with their comments; indexes and constraints on
 *                               them are still compared (see {@link Diff#compare})
 * @param ignoredValuePatterns   SQL LIKE patterns ({@code --ignore-value-pattern}): a changed field
 *                               is not reported when its value on either side matches one of them
 * @param columnOrder            whether a column's position counts (off by default: a column added by
 *                               ALTER TABLE lands last, the same column in a fresh CREATE TABLE may not)
 */
public record DiffOptions(Set<ObjectKind> ignoredKinds, List<String> excludedColumnPatterns, List<String> ignoredValuePatterns,
                          boolean columnOrder) {
    /** Copies the collections. */
    public DiffOptions {
        ignoredKinds = Set.copyOf(ignoredKinds);
        excludedColumnPatterns = List.copyOf(excludedColumnPatterns);
        ignoredValuePatterns = List.copyOf(ignoredValuePatterns);
    }

    /**
     * PUM's options: kinds ({@code -i}) and column-name patterns ({@code -P}), no value patterns.
     *
     * @param excludedColumnPatterns see {@link #excludedColumnPatterns()}
     */
    public DiffOptions(Set<ObjectKind> ignoredKinds, List<String> excludedColumnPatterns, boolean columnOrder) {
        this(ignoredKinds, excludedColumnPatterns, List.of(), columnOrder);
    }

    /** Compare everything; column order does not count. */
    public static DiffOptions defaults() {
        return new DiffOptions(Set.of(), List.of(), List.of(), false);
    }
}
