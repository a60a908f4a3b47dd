package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_ATTRIBUTE;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_FOREIGN_SERVER;
import static pum.catalog.internal.pg.Tables.PG_FOREIGN_TABLE;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import pum.catalog.ForeignTable;
import pum.catalog.Names;
import pum.catalog.internal.pg.tables.PgAttribute;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgForeignServer;
import pum.catalog.internal.pg.tables.PgForeignTable;
import pum.catalog.internal.pg.tables.PgNamespace;

/** Foreign tables' servers and options, and their columns' options. */
final class ForeignTableReader {
    private ForeignTableReader() {
    }

    static Map<String, ForeignTable> read(DSLContext ctx, Scope scope) {
        Map<String, Map<String, List<String>>> columnOptions = columnOptions(ctx, scope);
        PgForeignTable ft = PG_FOREIGN_TABLE.as("ft");
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        PgForeignServer s = PG_FOREIGN_SERVER.as("s");
        Map<String, ForeignTable> tables = new HashMap<>();
        Rows.fetch(ctx.select(n.NSPNAME, c.RELNAME, s.SRVNAME, ft.FTOPTIONS)
                .from(ft)
                .join(c).on(c.OID.eq(ft.FTRELID))
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .join(s).on(s.OID.eq(ft.FTSERVER))
                .where(scope.schema(n))
                .and(scope.inScope(c.OID, Scope.PG_CLASS)),
                (schema, table, server, tableOptions) -> {
                    String name = Names.qualify(schema, table);
                    return tables.put(name, new ForeignTable(name, Names.quote(server), ForeignServerReader.options(tableOptions),
                            columnOptions.getOrDefault(name, Map.of())));
                });
        return tables;
    }

    private static Map<String, Map<String, List<String>>> columnOptions(DSLContext ctx, Scope scope) {
        PgAttribute a = PG_ATTRIBUTE.as("a");
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        Map<String, Map<String, List<String>>> options = new HashMap<>();
        Rows.fetch(ctx.select(n.NSPNAME, c.RELNAME, a.ATTNAME, a.ATTFDWOPTIONS)
                .from(a)
                .join(c).on(c.OID.eq(a.ATTRELID))
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(c.RELKIND.eq(inline("f")))
                .and(a.ATTNUM.gt(inline((short) 0)))
                .and(a.ATTISDROPPED.isFalse())
                .and(a.ATTFDWOPTIONS.isNotNull())
                .and(scope.schema(n)),
                (schema, table, column, columnOptions) -> options.computeIfAbsent(Names.qualify(schema, table), k -> new HashMap<>())
                        .put(Names.qualify(schema, table, column), ForeignServerReader.options(columnOptions)));
        return options;
    }
}
