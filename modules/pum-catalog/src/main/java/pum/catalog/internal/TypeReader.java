package pum.catalog.internal;

import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.listAgg;
import static pum.catalog.internal.pg.Tables.PG_ATTRIBUTE;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_ENUM;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_TYPE;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import pum.catalog.Names;
import pum.catalog.UserType;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgAttribute;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgEnum;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgType;

/** Enum types (labels in order) and stand-alone composite types (attributes in order). */
final class TypeReader {
    private TypeReader() {
    }

    static List<UserType> read(Reads reads) {
        List<UserType> types = new ArrayList<>();
        types.addAll(Rows.fetch(reads, "types.enums", (DSLContext ctx, Scope scope) -> {
            PgType t = PG_TYPE.as("t");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgEnum e = PG_ENUM.as("e");
            return ctx.select(n.NSPNAME, t.TYPNAME, listAgg(e.ENUMLABEL, ", ").withinGroupOrderBy(e.ENUMSORTORDER))
                    .from(t)
                    .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                    .leftJoin(e).on(e.ENUMTYPID.eq(t.OID))
                    .where(t.TYPTYPE.eq(inline("e")))
                    .and(scope.schema(n))
                    .and(scope.inScope(t.OID, Scope.PG_TYPE))
                    .groupBy(n.NSPNAME, t.TYPNAME);
        }, (schema, name, labels) -> new UserType(Names.qualify(schema, name), "enum", labels)));
        types.addAll(Rows.fetch(reads, "types.composites", (DSLContext ctx, Scope scope) -> {
            PgType t = PG_TYPE.as("t");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgClass c = PG_CLASS.as("c");
            PgAttribute a = PG_ATTRIBUTE.as("a");
            return ctx.select(n.NSPNAME, t.TYPNAME,
                            listAgg(concat(a.ATTNAME, inline(" "), Routines.formatType(a.ATTTYPID, a.ATTTYPMOD)), ", ")
                                    .withinGroupOrderBy(a.ATTNUM))
                    .from(t)
                    .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                    .join(c).on(c.OID.eq(t.TYPRELID).and(c.RELKIND.eq(inline("c"))))
                    .leftJoin(a).on(a.ATTRELID.eq(c.OID).and(a.ATTNUM.gt(inline((short) 0))).and(a.ATTISDROPPED.isFalse()))
                    .where(t.TYPTYPE.eq(inline("c")))
                    .and(scope.schema(n))
                    .and(scope.inScope(t.OID, Scope.PG_TYPE))
                    .groupBy(n.NSPNAME, t.TYPNAME);
        }, (schema, name, attributes) -> new UserType(Names.qualify(schema, name), "composite", attributes)));
        return types;
    }
}
