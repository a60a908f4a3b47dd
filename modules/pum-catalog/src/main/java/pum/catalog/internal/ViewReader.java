package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import pum.catalog.Names;
import pum.catalog.View;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgNamespace;

/** Views and materialized views. */
final class ViewReader {
    private ViewReader() {
    }

    static List<View> read(Reads reads) {
        return Rows.fetch(reads, "views", (DSLContext ctx, Scope scope) -> {
            PgClass c = PG_CLASS.as("c");
            PgNamespace n = PG_NAMESPACE.as("n");
            return ctx.select(n.NSPNAME, c.RELNAME, c.RELKIND, Routines.pgGetViewdef2(c.OID), c.RELOPTIONS)
                    .from(c)
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .where(c.RELKIND.in(inline("v"), inline("m")))
                    .and(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, name, kind, def, options) -> new View(Names.qualify(schema, name),
                        "m".equals(kind) ? "materialized view" : "view",
                        definition(def, reads.scope().server()), Scope.join(options)));
    }

    // A simple query over one relation: SELECT ... FROM rel [alias] [WHERE|GROUP BY|...]
    private static final Pattern SINGLE_FROM = Pattern.compile(
            " FROM ((?:[a-z_][a-z0-9_$]*|\"[^\"]+\")\\.)?([a-z_][a-z0-9_$]*|\"[^\"]+\")(?: ([a-z_][a-z0-9_$]*))?"
                    + "(?= WHERE | GROUP BY | HAVING | ORDER BY | LIMIT | OFFSET | WINDOW |;|$)");

    /**
     * The non-pretty form with whitespace collapsed (line breaks moved between majors). Before
     * PostgreSQL 16, column references in a query over a single relation were qualified with the
     * relation's name ({@code SELECT pipe.status FROM qwat_od.pipe}); 16 and later print
     * {@code SELECT status FROM qwat_od.pipe}. Older servers' text is brought to the newer form.
     */
    static String definition(String def, Server server) {
        String text = Scope.collapse(def);
        if (text == null || server.atLeast(16)) {
            return text;
        }
        int from = text.indexOf(" FROM ");
        if (from < 0 || text.indexOf(" FROM ", from + 1) >= 0 || text.contains(" JOIN ") || text.contains(" UNION ")
                || text.contains(" INTERSECT ") || text.contains(" EXCEPT ")) {
            return text;
        }
        Matcher m = SINGLE_FROM.matcher(text);
        if (!m.find() || m.start() != from) {
            return text;
        }
        String qualifier = m.group(3) != null ? m.group(3) : m.group(2);
        String head = text.substring(0, m.end());
        String tail = text.substring(m.end());
        String prefix = Pattern.quote(qualifier + ".");
        // only outside string literals: split on quotes and rewrite the even (unquoted) parts
        return stripOutsideLiterals(head.substring(0, from), prefix) + head.substring(from) + stripOutsideLiterals(tail, prefix);
    }

    private static String stripOutsideLiterals(String s, String prefix) {
        String[] parts = s.split("'", -1);
        Pattern p = Pattern.compile("(?<![\\w.\"$])" + prefix);
        for (int i = 0; i < parts.length; i += 2) {
            parts[i] = p.matcher(parts[i]).replaceAll("");
        }
        return String.join("'", parts);
    }
}
