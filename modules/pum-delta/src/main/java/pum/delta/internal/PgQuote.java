package pum.delta.internal;

/** SQL quoting for names and values pum puts into statements it writes itself. */
public final class PgQuote {
    private PgQuote() {
    }

    /** A double-quoted identifier. */
    public static String ident(String id) {
        return "\"" + id.replace("\"", "\"\"") + "\"";
    }

    /** A string literal, safe whatever {@code standard_conforming_strings} says. */
    public static String literal(String s) {
        return Placeholders.literal(s);
    }
}
