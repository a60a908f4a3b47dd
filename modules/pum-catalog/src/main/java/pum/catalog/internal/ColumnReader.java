package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;
import static pum.catalog.internal.pg.Tables.PG_ATTRDEF;
import static pum.catalog.internal.pg.Tables.PG_ATTRIBUTE;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_COLLATION;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_TYPE;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import pum.catalog.Column;
import pum.catalog.Names;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgAttrdef;
import pum.catalog.internal.pg.tables.PgAttribute;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgCollation;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgType;

/** Columns of tables, views, materialized views and foreign tables, in one query for the whole database. */
final class ColumnReader {
    private ColumnReader() {
    }

    static List<Column> read(DSLContext ctx, Scope scope) {
        PgAttribute a = PG_ATTRIBUTE.as("a");
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        PgType t = PG_TYPE.as("t");
        PgAttrdef d = PG_ATTRDEF.as("d");
        PgCollation co = PG_COLLATION.as("co");
        PgNamespace con = PG_NAMESPACE.as("con");
        List<Column> columns = new ArrayList<>();
        String[] previous = {null};
        int[] position = {0};
        ctx.select(n.NSPNAME, c.RELNAME, a.ATTNAME, Routines.formatType(a.ATTTYPID, a.ATTTYPMOD), a.ATTNOTNULL,
                        Routines.pgGetExpr1(d.ADBIN, d.ADRELID), a.ATTIDENTITY, a.ATTGENERATED,
                        when(a.ATTCOLLATION.ne(t.TYPCOLLATION), con.NSPNAME), co.COLLNAME)
                .from(a)
                .join(c).on(c.OID.eq(a.ATTRELID))
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .join(t).on(t.OID.eq(a.ATTTYPID))
                .leftJoin(d).on(d.ADRELID.eq(a.ATTRELID).and(d.ADNUM.eq(a.ATTNUM)))
                .leftJoin(co).on(co.OID.eq(a.ATTCOLLATION).and(a.ATTCOLLATION.ne(t.TYPCOLLATION)))
                .leftJoin(con).on(con.OID.eq(co.COLLNAMESPACE))
                .where(a.ATTNUM.gt(inline((short) 0)))
                .and(a.ATTISDROPPED.isFalse())
                .and(c.RELKIND.in(inline("r"), inline("p"), inline("f"), inline("v"), inline("m")))
                .and(scope.schema(n))
                .and(scope.notExtensionMember(c.OID, Scope.PG_CLASS))
                .orderBy(c.OID, a.ATTNUM)
                .forEach(r -> {
                    String table = Names.qualify(r.value1(), r.value2());
                    // positions count live columns only, so a dropped column leaves no gap
                    position[0] = table.equals(previous[0]) ? position[0] + 1 : 1;
                    previous[0] = table;
                    String generatedKind = r.value8();
                    boolean generated = generatedKind != null && !generatedKind.isEmpty();
                    String expr = r.value6();
                    String identity = switch (r.value7() == null ? "" : r.value7()) {
                        case "a" -> "always";
                        case "d" -> "by default";
                        default -> null;
                    };
                    String collation = r.value10() == null ? null
                            : "pg_catalog".equals(r.value9()) ? Names.quote(r.value10()) : Names.qualify(r.value9(), r.value10());
                    columns.add(new Column(table + "." + Names.quote(r.value3()), position[0], r.value4(), r.value5(),
                            generated ? null : expr, identity, generated ? expr : null, collation));
                });
        return columns;
    }
}
