package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_REWRITE;

import java.util.List;
import org.jooq.DSLContext;
import pum.catalog.Names;
import pum.catalog.Rule;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgRewrite;

/** Rules, without the _RETURN rules that implement views (those are compared as views). */
final class RuleReader {
    private RuleReader() {
    }

    static List<Rule> read(Reads reads) {
        return Rows.fetch(reads, "rules", (DSLContext ctx, Scope scope) -> {
            PgRewrite r = PG_REWRITE.as("r");
            PgClass c = PG_CLASS.as("c");
            PgNamespace n = PG_NAMESPACE.as("n");
            return ctx.select(n.NSPNAME, c.RELNAME, r.RULENAME, Routines.pgGetRuledef1(r.OID))
                    .from(r)
                    .join(c).on(c.OID.eq(r.EV_CLASS))
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .where(r.RULENAME.ne(inline("_RETURN")))
                    .and(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, table, name, def) ->
                        new Rule(Names.qualify(schema, table, name), Scope.collapse(def)));
    }
}
