package pum.diff;

/** How an object differs between the first and the second database. */
public enum Change {
    /** The object exists only in the first database ({@code -p1}). */
    ONLY_IN_FIRST,
    /** The object exists only in the second database ({@code -p2}). */
    ONLY_IN_SECOND,
    /** The object exists in both, and one of its fields differs. */
    CHANGED;

    /** The label used in reports: {@code only in first}, {@code only in second}, {@code changed}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
