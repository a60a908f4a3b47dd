package pum.ddl.internal;

import java.util.List;
import pum.catalog.Names;

/** Splitting the names a snapshot uses ({@code s."T".c}) back into their parts. */
final class QName {
    private QName() {
    }

    /**
     * The unquoted parts of a dotted name whose parts are quoted as {@link Names#quote} quotes
     * ({@link pum.core.PgText#parts}: a function's argument list is left out).
     */
    static List<String> parts(String name) {
        return pum.core.PgText.parts(name);
    }

    /** The name without its last part, requoted: {@code s.t} of {@code s.t.c}. */
    static String parent(String name) {
        List<String> p = parts(name);
        return Names.qualify(p.subList(0, p.size() - 1).toArray(String[]::new));
    }

    /** The last part, requoted: {@code c} of {@code s.t.c}. */
    static String last(String name) {
        List<String> p = parts(name);
        return Names.quote(p.get(p.size() - 1));
    }

    /** The first part, unquoted: the schema. */
    static String schema(String name) {
        return parts(name).get(0);
    }

    /** A function's name without its argument list: {@code s.f} of {@code s.f(integer)}. */
    static String routine(String name) {
        int open = name.indexOf('(');
        return open < 0 ? name : name.substring(0, open);
    }

    /** The kind a comment's name starts with: {@code column}, {@code materialized view}, {@code foreign table}, ... */
    static String commentKind(String name) {
        for (String two : List.of("materialized view", "foreign table")) {
            if (name.startsWith(two + " ")) {
                return two;
            }
        }
        return name.substring(0, name.indexOf(' '));
    }

    /** A text as an SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
