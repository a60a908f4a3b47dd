package pum.catalog;

import pum.core.PgText;

/** Quoting of identifiers the way PostgreSQL's {@code quote_ident} does it (see {@link PgText}). */
public final class Names {
    private Names() {
    }

    /** An identifier, quoted if PostgreSQL needs quotes to read it back. */
    public static String quote(String identifier) {
        return PgText.quoteIdentIfNeeded(identifier);
    }

    /** Quoted parts joined with dots: {@code qualify("s", "T")} is {@code s."T"}. */
    public static String qualify(String... parts) {
        return PgText.qualify(parts);
    }
}
