package pum.diff;

import pum.catalog.ObjectKind;

/**
 * One fact about how two databases differ.
 *
 * @param kind   the kind of object
 * @param object the object's schema-qualified name (see {@link pum.catalog.CatalogObject#name()})
 * @param change whether it exists on one side only, or differs
 * @param field  for {@link Change#CHANGED}: the field that differs ({@code type}, {@code default}, ...); otherwise null
 * @param first  for {@link Change#CHANGED}: the first database's value (null: not set); otherwise null
 * @param second for {@link Change#CHANGED}: the second database's value (null: not set); otherwise null
 */
public record Difference(ObjectKind kind, String object, Change change, String field, String first, String second) {
    private static final String[] TWO_WORD_KINDS = {"materialized view ", "foreign table "};

    /**
     * For a difference of {@link ObjectKind#COMMENTS}: the kind of object the comment is on
     * ({@code column}, {@code constraint}, {@code materialized view}, ...); otherwise null.
     */
    public String commentOnKind() {
        if (kind != ObjectKind.COMMENTS) {
            return null;
        }
        for (String k : TWO_WORD_KINDS) {
            if (object.startsWith(k)) {
                return k.strip();
            }
        }
        int space = object.indexOf(' ');
        return space < 0 ? null : object.substring(0, space);
    }

    /** For a difference of {@link ObjectKind#COMMENTS}: the name of the object the comment is on; otherwise null. */
    public String commentOnName() {
        String k = commentOnKind();
        return k == null ? null : object.substring(k.length() + 1);
    }

    /**
     * What reports call the object: {@code comment on constraint s.t.c} for a comment (so that a
     * missing comment does not read as a missing constraint), else {@link #object()}.
     */
    public String subject() {
        return kind == ObjectKind.COMMENTS ? "comment on " + object : object;
    }
}
