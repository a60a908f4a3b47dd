package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_INHERITS;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import pum.catalog.Names;
import pum.catalog.Table;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgInherits;
import pum.catalog.internal.pg.tables.PgNamespace;

/** Tables, partitioned tables and foreign tables, with their inheritance and partition parents. */
final class TableReader {
    private TableReader() {
    }

    static List<Table> read(Reads reads) {
        Map<String, String> inherits = inheritanceParents(reads);
        return Rows.fetch(reads, "tables", (DSLContext ctx, Scope scope) -> {
            PgClass c = PG_CLASS.as("c");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgInherits i = PG_INHERITS.as("i");
            PgClass pc = PG_CLASS.as("pc");
            PgNamespace pn = PG_NAMESPACE.as("pn");
            return ctx.select(n.NSPNAME, c.RELNAME, c.RELKIND, c.RELPERSISTENCE,
                            when(c.RELKIND.eq(inline("p")), Routines.pgGetPartkeydef(c.OID)),
                            pn.NSPNAME, pc.RELNAME,
                            when(DSL.condition(c.RELISPARTITION), Routines.pgGetExpr1(c.RELPARTBOUND, c.OID)),
                            c.RELROWSECURITY, c.RELFORCEROWSECURITY, c.RELOPTIONS)
                    .from(c)
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .leftJoin(i).on(i.INHRELID.eq(c.OID).and(c.RELISPARTITION))
                    .leftJoin(pc).on(pc.OID.eq(i.INHPARENT))
                    .leftJoin(pn).on(pn.OID.eq(pc.RELNAMESPACE))
                    .where(c.RELKIND.in(inline("r"), inline("p"), inline("f")))
                    .and(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, name, kind, persistence, partKey, parentSchema, parent, bound, rls, forceRls, options) -> {
                    String qname = Names.qualify(schema, name);
                    return new Table(qname,
                            switch (kind) {
                                case "p" -> "partitioned table";
                                case "f" -> "foreign table";
                                default -> "table";
                            },
                            "u".equals(persistence) ? "unlogged" : "permanent",
                            partKey,
                            parent == null ? null : Names.qualify(parentSchema, parent),
                            bound,
                            inherits.get(qname),
                            forceRls ? "forced" : rls ? "enabled" : "disabled",
                            Scope.join(options));
                });
    }

    /** Classic inheritance parents (not partition parents), per child, in declaration order. */
    private static Map<String, String> inheritanceParents(Reads reads) {
        Map<String, String> parents = new HashMap<>();
        Rows.fetch(reads, "tables.inherits", (DSLContext ctx, Scope scope) -> {
            PgInherits i = PG_INHERITS.as("i");
            PgClass c = PG_CLASS.as("c");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgClass pc = PG_CLASS.as("pc");
            PgNamespace pn = PG_NAMESPACE.as("pn");
            return ctx.select(n.NSPNAME, c.RELNAME, pn.NSPNAME, pc.RELNAME)
                    .from(i)
                    .join(c).on(c.OID.eq(i.INHRELID))
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .join(pc).on(pc.OID.eq(i.INHPARENT))
                    .join(pn).on(pn.OID.eq(pc.RELNAMESPACE))
                    .where(c.RELISPARTITION.isFalse())
                    .and(c.RELKIND.in(inline("r"), inline("p"), inline("f")))
                    .and(scope.schema(n))
                    .orderBy(i.INHSEQNO);
        },
                (schema, child, parentSchema, parent) -> parents.merge(Names.qualify(schema, child), Names.qualify(parentSchema, parent),
                        (a, b) -> a + ", " + b));
        return parents;
    }
}
