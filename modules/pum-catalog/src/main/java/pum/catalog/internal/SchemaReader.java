package pum.catalog.internal;

import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;

import java.util.List;
import org.jooq.DSLContext;
import pum.catalog.Names;
import pum.catalog.Schema;
import pum.catalog.internal.pg.tables.PgNamespace;

/** Schemas. */
final class SchemaReader {
    private SchemaReader() {
    }

    static List<Schema> read(Reads reads) {
        return Rows.fetch(reads, "schemas", (DSLContext ctx, Scope scope) -> {
            PgNamespace n = PG_NAMESPACE.as("n");
            return ctx.select(n.NSPNAME).from(n).where(scope.schema(n));
        },
                name -> new Schema(Names.quote(name)));
    }
}
