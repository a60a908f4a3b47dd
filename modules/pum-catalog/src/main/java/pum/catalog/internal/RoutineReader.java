package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;
import static pum.catalog.internal.pg.Tables.PG_LANGUAGE;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_PROC;

import java.util.List;
import org.jooq.DSLContext;
import pum.catalog.Names;
import pum.catalog.Routine;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgLanguage;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgProc;

/** Functions, procedures, aggregates and window functions, keyed by name and identity arguments. */
final class RoutineReader {
    private RoutineReader() {
    }

    static List<Routine> read(Reads reads) {
        return Rows.fetch(reads, "functions", (DSLContext ctx, Scope scope) -> {
            PgProc p = PG_PROC.as("p");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgLanguage l = PG_LANGUAGE.as("l");
            return ctx.select(n.NSPNAME, p.PRONAME, Routines.pgGetFunctionIdentityArguments(p.OID), p.PROKIND,
                            Routines.pgGetFunctionArguments(p.OID),
                            when(p.PROKIND.ne(inline("p")), Routines.pgGetFunctionResult(p.OID)),
                            l.LANNAME, p.PROVOLATILE, p.PROISSTRICT, p.PROSECDEF, p.PROCONFIG,
                            // SQL-standard bodies (BEGIN ATOMIC / RETURN) live in prosqlbody, not prosrc
                            when(p.PROSQLBODY.isNotNull(), Routines.pgGetFunctionSqlbody(p.OID)).else_(p.PROSRC))
                    .from(p)
                    .join(n).on(n.OID.eq(p.PRONAMESPACE))
                    .join(l).on(l.OID.eq(p.PROLANG))
                    .where(scope.schema(n))
                    .and(scope.inScope(p.OID, Scope.PG_PROC));
        },
                (schema, name, identity, kind, args, result, lang, volatility, strict, secdef, config, body) ->
                        new Routine(Names.qualify(schema, name) + "(" + identity + ")",
                                switch (kind) {
                                    case "p" -> "procedure";
                                    case "a" -> "aggregate";
                                    case "w" -> "window";
                                    default -> "function";
                                },
                                args, result, lang,
                                switch (volatility) {
                                    case "i" -> "immutable";
                                    case "s" -> "stable";
                                    default -> "volatile";
                                },
                                strict, secdef, Scope.join(config), body));
    }
}
