package pum.catalog;

import java.util.Map;

/**
 * One schema object of a snapshot: a kind, a schema-qualified name that identifies it within its
 * kind, and the compared facts as text. Two databases holding the same object give equal values
 * (no OIDs, no owners, no physical details).
 */
public interface CatalogObject {
    /** What kind of object this is. */
    ObjectKind objectKind();

    /**
     * The identity of the object within its kind: schema-qualified, each part quoted only where
     * PostgreSQL would need quotes ({@code qwat_od.pipe}, {@code public."Pipe"}); columns, constraints,
     * triggers, rules and policies are qualified by their table ({@code qwat_od.pipe.diameter});
     * functions carry their identity arguments ({@code public.f(integer, text)}).
     */
    String name();

    /**
     * The compared facts, in a fixed order, as the text shown in reports and matched by
     * {@code -P} patterns. A null value means "not set" (no default, no predicate, ...).
     */
    Map<String, String> fields();
}
