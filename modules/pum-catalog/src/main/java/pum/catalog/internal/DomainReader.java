package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;
import static pum.catalog.internal.pg.Tables.PG_COLLATION;
import static pum.catalog.internal.pg.Tables.PG_CONSTRAINT;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_TYPE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import pum.catalog.Domain;
import pum.catalog.Names;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgCollation;
import pum.catalog.internal.pg.tables.PgConstraint;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgType;

/** Domains with their CHECK constraints. */
final class DomainReader {
    private DomainReader() {
    }

    static List<Domain> read(Reads reads) {
        Map<String, String> checks = new HashMap<>();
        // only CHECK: PostgreSQL 17 also stores a domain's NOT NULL in pg_constraint, 14 to 16 do not
        Rows.fetch(reads, "domains.checks", (DSLContext ctx, Scope scope) -> {
            PgType t = PG_TYPE.as("t");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgConstraint k = PG_CONSTRAINT.as("k");
            return ctx.select(n.NSPNAME, t.TYPNAME, k.CONNAME, Routines.pgGetConstraintdef1(k.OID))
                    .from(k)
                    .join(t).on(t.OID.eq(k.CONTYPID))
                    .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                    .where(k.CONTYPE.eq(inline("c")))
                    .and(scope.schema(n))
                    .orderBy(k.CONNAME);
        },
                (schema, domain, name, def) -> checks.merge(Names.qualify(schema, domain), Names.quote(name) + " " + def,
                        (a, b) -> a + ", " + b));
        return Rows.fetch(reads, "domains", (DSLContext ctx, Scope scope) -> {
            PgType t = PG_TYPE.as("t");
            PgType bt = PG_TYPE.as("bt");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgCollation co = PG_COLLATION.as("co");
            return ctx.select(n.NSPNAME, t.TYPNAME, Routines.formatType(t.TYPBASETYPE, t.TYPTYPMOD), t.TYPNOTNULL, t.TYPDEFAULT,
                            when(t.TYPCOLLATION.ne(bt.TYPCOLLATION), co.COLLNAME))
                    .from(t)
                    .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                    .join(bt).on(bt.OID.eq(t.TYPBASETYPE))
                    .leftJoin(co).on(co.OID.eq(t.TYPCOLLATION))
                    .where(t.TYPTYPE.eq(inline("d")))
                    .and(scope.schema(n))
                    .and(scope.inScope(t.OID, Scope.PG_TYPE));
        },
                (schema, name, base, notNull, def, collation) -> {
                    String qname = Names.qualify(schema, name);
                    return new Domain(qname, base, notNull, def, collation == null ? null : Names.quote(collation), checks.get(qname));
                });
    }
}
