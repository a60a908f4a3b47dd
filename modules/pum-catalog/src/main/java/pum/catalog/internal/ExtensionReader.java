package pum.catalog.internal;

import static pum.catalog.internal.pg.Tables.PG_EXTENSION;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;

import java.util.List;
import org.jooq.DSLContext;
import pum.catalog.Extension;
import pum.catalog.Names;
import pum.catalog.internal.pg.tables.PgExtension;
import pum.catalog.internal.pg.tables.PgNamespace;

/** Installed extensions; their member objects are left out of every other reader. */
final class ExtensionReader {
    private ExtensionReader() {
    }

    static List<Extension> read(Reads reads) {
        return Rows.fetch(reads, "extensions", (DSLContext ctx, Scope scope) -> {
            PgExtension e = PG_EXTENSION.as("e");
            PgNamespace n = PG_NAMESPACE.as("n");
            return ctx.select(e.EXTNAME, e.EXTVERSION, n.NSPNAME)
                    .from(e)
                    .join(n).on(n.OID.eq(e.EXTNAMESPACE));
        },
                (name, version, schema) -> new Extension(Names.quote(name), version, Names.quote(schema)));
    }
}
