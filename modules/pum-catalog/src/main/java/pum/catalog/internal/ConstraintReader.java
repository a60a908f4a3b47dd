package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_CONSTRAINT;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;

import java.util.List;
import org.jooq.DSLContext;
import pum.catalog.Constraint;
import pum.catalog.Names;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgConstraint;
import pum.catalog.internal.pg.tables.PgNamespace;

/** Table constraints. NOT NULL is a column property here (PostgreSQL 18 also lists it as a constraint). */
final class ConstraintReader {
    private ConstraintReader() {
    }

    static List<Constraint> read(Reads reads) {
        return Rows.fetch(reads, "constraints", (DSLContext ctx, Scope scope) -> {
            PgConstraint k = PG_CONSTRAINT.as("k");
            PgClass c = PG_CLASS.as("c");
            PgNamespace n = PG_NAMESPACE.as("n");
            return ctx.select(n.NSPNAME, c.RELNAME, k.CONNAME, k.CONTYPE, Routines.pgGetConstraintdef1(k.OID),
                            k.CONDEFERRABLE, k.CONDEFERRED, k.CONVALIDATED)
                    .from(k)
                    .join(c).on(c.OID.eq(k.CONRELID))
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .where(k.CONTYPE.in(inline("p"), inline("f"), inline("u"), inline("c"), inline("x"), inline("t")))
                    .and(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, table, name, type, def, deferrable, deferred, validated) ->
                        new Constraint(Names.qualify(schema, table, name),
                                switch (type) {
                                    case "p" -> "primary key";
                                    case "f" -> "foreign key";
                                    case "u" -> "unique";
                                    case "c" -> "check";
                                    case "x" -> "exclusion";
                                    default -> "trigger";
                                },
                                def, deferrable, deferred, validated));
    }
}
