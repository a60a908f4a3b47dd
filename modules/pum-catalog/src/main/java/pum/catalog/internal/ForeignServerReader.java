package pum.catalog.internal;

import static pum.catalog.internal.pg.Tables.PG_FOREIGN_DATA_WRAPPER;
import static pum.catalog.internal.pg.Tables.PG_FOREIGN_SERVER;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_PROC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import pum.catalog.ForeignDataWrapper;
import pum.catalog.ForeignServer;
import pum.catalog.Names;
import pum.catalog.internal.pg.tables.PgForeignDataWrapper;
import pum.catalog.internal.pg.tables.PgForeignServer;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgProc;

/**
 * Foreign-data wrappers and foreign servers that no extension created. User mappings are not
 * read: their options are where passwords live.
 */
final class ForeignServerReader {
    static final long PG_FOREIGN_DATA_WRAPPER_ID = 2328;
    static final long PG_FOREIGN_SERVER_ID = 1417;

    private ForeignServerReader() {
    }

    static Map<String, ForeignDataWrapper> wrappers(DSLContext ctx, Scope scope) {
        PgForeignDataWrapper w = PG_FOREIGN_DATA_WRAPPER.as("w");
        PgProc h = PG_PROC.as("h");
        PgNamespace hn = PG_NAMESPACE.as("hn");
        PgProc v = PG_PROC.as("v");
        PgNamespace vn = PG_NAMESPACE.as("vn");
        Map<String, ForeignDataWrapper> wrappers = new HashMap<>();
        Rows.fetch(ctx.select(w.FDWNAME, hn.NSPNAME, h.PRONAME, vn.NSPNAME, v.PRONAME, w.FDWOPTIONS)
                .from(w)
                .leftJoin(h).on(h.OID.eq(w.FDWHANDLER))
                .leftJoin(hn).on(hn.OID.eq(h.PRONAMESPACE))
                .leftJoin(v).on(v.OID.eq(w.FDWVALIDATOR))
                .leftJoin(vn).on(vn.OID.eq(v.PRONAMESPACE))
                .where(scope.inScope(w.OID, PG_FOREIGN_DATA_WRAPPER_ID)),
                (wrapper, handlerSchema, handler, validatorSchema, validator, wrapperOptions) -> {
                    String name = Names.quote(wrapper);
                    return wrappers.put(name, new ForeignDataWrapper(name, handler == null ? null : Names.qualify(handlerSchema, handler),
                            validator == null ? null : Names.qualify(validatorSchema, validator), options(wrapperOptions)));
                });
        return wrappers;
    }

    static Map<String, ForeignServer> servers(DSLContext ctx, Scope scope) {
        PgForeignServer s = PG_FOREIGN_SERVER.as("s");
        PgForeignDataWrapper w = PG_FOREIGN_DATA_WRAPPER.as("w");
        Map<String, ForeignServer> servers = new HashMap<>();
        Rows.fetch(ctx.select(s.SRVNAME, w.FDWNAME, s.SRVTYPE, s.SRVVERSION, s.SRVOPTIONS)
                .from(s)
                .join(w).on(w.OID.eq(s.SRVFDW))
                .where(scope.inScope(s.OID, PG_FOREIGN_SERVER_ID)),
                (server, wrapper, type, version, serverOptions) -> {
                    String name = Names.quote(server);
                    return servers.put(name, new ForeignServer(name, Names.quote(wrapper), type, version, options(serverOptions)));
                });
        return servers;
    }

    static List<String> options(String[] options) {
        return options == null ? List.of() : List.of(options);
    }
}
