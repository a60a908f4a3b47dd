package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;
import static pum.catalog.internal.pg.Tables.PG_ATTRDEF;
import static pum.catalog.internal.pg.Tables.PG_ATTRIBUTE;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_COLLATION;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_TYPE;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record10;
import org.jooq.ResultQuery;
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

    /** One row per live column of every relation in scope, ordered by relation and position. */
    static ResultQuery<Record10<String, String, String, String, Boolean, String, String, String, String, String>> query(
            DSLContext ctx, Scope scope) {
        PgAttribute a = PG_ATTRIBUTE.as("a");
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        PgType t = PG_TYPE.as("t");
        PgAttrdef d = PG_ATTRDEF.as("d");
        PgCollation co = PG_COLLATION.as("co");
        PgNamespace con = PG_NAMESPACE.as("con");
        return ctx.select(n.NSPNAME, c.RELNAME, a.ATTNAME, Routines.formatType(a.ATTTYPID, a.ATTTYPMOD), a.ATTNOTNULL,
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
                .and(scope.inScope(c.OID, Scope.PG_CLASS))
                .orderBy(c.OID, a.ATTNUM);
    }

    static List<Column> read(Reads reads) {
        Mapper mapper = new Mapper();
        return Rows.fetch(reads, "columns", ColumnReader::query, mapper::column);
    }

    /** Rows to columns; positions count live columns only, so a dropped column leaves no gap. */
    private static final class Mapper {
        private String previousSchema;
        private String previousRelation;
        private String table;
        private int position;

        Column column(String schema, String relation, String name, String type, Boolean notNull, String expr,
                      String identityKind, String generatedKind, String collationSchema, String collationName) {
            // rows come by relation: its qualified name is built once, not once per column
            if (relation.equals(previousRelation) && schema.equals(previousSchema)) {
                position++;
            } else {
                table = Names.qualify(schema, relation);
                previousSchema = schema;
                previousRelation = relation;
                position = 1;
            }
            boolean generated = generatedKind != null && !generatedKind.isEmpty();
            String identity = switch (identityKind == null ? "" : identityKind) {
                case "a" -> "always";
                case "d" -> "by default";
                default -> null;
            };
            String collation = collationName == null ? null
                    : "pg_catalog".equals(collationSchema) ? Names.quote(collationName) : Names.qualify(collationSchema, collationName);
            return new Column(table + "." + Names.quote(name), position, type, notNull, generated ? null : expr, identity,
                    generated ? expr : null, collation);
        }
    }
}
