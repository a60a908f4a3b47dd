package pum.catalog.internal;

import static pum.catalog.internal.pg.Tables.PG_AM;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_INDEX;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import pum.catalog.Index;
import pum.catalog.Names;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgAm;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgIndex;
import pum.catalog.internal.pg.tables.PgNamespace;

/** Indexes, including those that back primary keys and unique constraints (as pg_indexes lists them). */
final class IndexReader {
    // pg_get_indexdef prints INCLUDE (...) after the key columns and before WITH/WHERE.
    private static final Pattern INCLUDE = Pattern.compile("\\) INCLUDE \\((.*?)\\)(?: WITH \\(| WHERE |$| NULLS)");

    private IndexReader() {
    }

    static List<Index> read(Reads reads) {
        return Rows.fetch(reads, "indexes", (DSLContext ctx, Scope scope) -> {
            PgIndex i = PG_INDEX.as("i");
            PgClass ic = PG_CLASS.as("ic");
            PgClass tc = PG_CLASS.as("tc");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgAm am = PG_AM.as("am");
            return ctx.select(n.NSPNAME, ic.RELNAME, tc.RELNAME, am.AMNAME, i.INDISUNIQUE, i.INDISPRIMARY,
                            Routines.pgGetExpr1(i.INDPRED, i.INDRELID), Routines.pgGetIndexdef1(i.INDEXRELID))
                    .from(i)
                    .join(ic).on(ic.OID.eq(i.INDEXRELID))
                    .join(tc).on(tc.OID.eq(i.INDRELID))
                    .join(n).on(n.OID.eq(ic.RELNAMESPACE))
                    .join(am).on(am.OID.eq(ic.RELAM))
                    .where(scope.schema(n))
                    .and(scope.inScope(tc.OID, Scope.PG_CLASS));
        },
                (schema, name, table, method, unique, primary, predicate, def) ->
                        new Index(Names.qualify(schema, name), Names.qualify(schema, table), method, unique, primary,
                                predicate, include(def), def));
    }

    private static String include(String definition) {
        // most indexes have no INCLUDE: a plain search answers for them without a matcher
        if (definition == null || !definition.contains(") INCLUDE (")) {
            return null;
        }
        Matcher m = INCLUDE.matcher(definition);
        return m.find() ? m.group(1) : null;
    }
}
