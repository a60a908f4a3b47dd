package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Records;
import pum.catalog.Names;
import pum.catalog.View;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgNamespace;

/** Views and materialized views. */
final class ViewReader {
    private ViewReader() {
    }

    static List<View> read(DSLContext ctx, Scope scope) {
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        return ctx.select(n.NSPNAME, c.RELNAME, c.RELKIND, Routines.pgGetViewdef2(c.OID), c.RELOPTIONS)
                .from(c)
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(c.RELKIND.in(inline("v"), inline("m")))
                .and(scope.schema(n))
                .and(scope.notExtensionMember(c.OID, Scope.PG_CLASS))
                .fetch(Records.mapping((schema, name, kind, def, options) -> new View(Names.qualify(schema, name),
                        "m".equals(kind) ? "materialized view" : "view",
                        // the non-pretty form; whitespace is collapsed because line breaks moved between majors
                        Scope.collapse(def), Scope.join(options))));
    }
}
