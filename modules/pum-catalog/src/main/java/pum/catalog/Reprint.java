package pum.catalog;

import java.util.List;

/**
 * Two texts of the same expression-bearing fact, one from each database, that the server is
 * asked to read and print once more (see {@link Catalog#sameMeaning}). PostgreSQL does not
 * always print what it read: after a dump and restore, {@code (ARRAY['integer'::regtype])::oid[]}
 * comes back as {@code ARRAY[('integer'::regtype)::oid]}. Printed once more, both read the same.
 *
 * @param kind    what the texts are
 * @param columns the columns of the table the expression belongs to, as SQL column definitions
 *                ({@code "Name" integer}), so the expression can refer to them; empty for a view
 * @param type    for {@link Kind#DEFAULT} and {@link Kind#GENERATED}: the column's type; else null
 * @param first   the first database's text, as the catalog printed it
 * @param second  the second database's text
 */
public record Reprint(Kind kind, List<String> columns, String type, String first, String second) {
    /** Copies the list. */
    public Reprint {
        columns = List.copyOf(columns);
    }

    /** What is reprinted. */
    public enum Kind {
        /** A table's CHECK constraint, as {@code pg_get_constraintdef} prints it ({@code CHECK ((a > 0))}). */
        CHECK_CONSTRAINT,
        /** A column default expression. */
        DEFAULT,
        /** A stored generated column's expression. */
        GENERATED,
        /**
         * An index definition from {@code USING} on ({@code USING btree (a) WHERE (b > 0)}),
         * preceded by {@code UNIQUE } for a unique index.
         */
        INDEX,
        /**
         * A view's or materialized view's query, as {@code pg_get_viewdef} prints it. Reprinting
         * creates a temporary view, which takes ACCESS SHARE on the tables the query reads (the lock
         * a SELECT takes), for the few milliseconds of the reprint, never waiting for it
         * ({@code lock_timeout} 100 ms; a pair whose lock is not granted at once counts as different).
         */
        VIEW
    }
}
