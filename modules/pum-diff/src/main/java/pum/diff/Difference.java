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
}
