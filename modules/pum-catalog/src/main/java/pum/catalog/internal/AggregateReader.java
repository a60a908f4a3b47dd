package pum.catalog.internal;

import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;
import static pum.catalog.internal.pg.Tables.PG_AGGREGATE;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_OPERATOR;
import static pum.catalog.internal.pg.Tables.PG_PROC;

import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import pum.catalog.Aggregate;
import pum.catalog.Names;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgAggregate;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgOperator;
import pum.catalog.internal.pg.tables.PgProc;

/** User aggregates: pg_aggregate's row, keyed by the routine's name. */
final class AggregateReader {
    private static final PgAggregate G = PG_AGGREGATE.as("g");
    private static final PgProc P = PG_PROC.as("p");
    private static final PgNamespace N = PG_NAMESPACE.as("n");
    private static final PgOperator O = PG_OPERATOR.as("o");
    private static final PgNamespace ON = PG_NAMESPACE.as("opn");
    private static final Field<String> IDENTITY = Routines.pgGetFunctionIdentityArguments(P.OID);
    private static final Field<String> ARGUMENTS = Routines.pgGetFunctionArguments(P.OID);
    private static final Field<String> STATE_TYPE = Routines.formatType(G.AGGTRANSTYPE, castNull(Integer.class));
    private static final Field<String> MOVING_STATE_TYPE = when(G.AGGMTRANSTYPE.ne(inline(0L)),
            Routines.formatType(G.AGGMTRANSTYPE, castNull(Integer.class)));

    private AggregateReader() {
    }

    static Map<String, Aggregate> read(DSLContext ctx, Scope scope) {
        Map<String, Aggregate> aggregates = new HashMap<>();
        Rows.fetch(ctx.select(N.NSPNAME, P.PRONAME, IDENTITY, ARGUMENTS, G.AGGKIND, G.AGGTRANSFN, STATE_TYPE, G.AGGTRANSSPACE,
                        G.AGGFINALFN, G.AGGFINALEXTRA, G.AGGFINALMODIFY, G.AGGCOMBINEFN, G.AGGSERIALFN, G.AGGDESERIALFN, G.AGGINITVAL,
                        G.AGGMTRANSFN, G.AGGMINVTRANSFN, MOVING_STATE_TYPE, G.AGGMTRANSSPACE, G.AGGMFINALFN, G.AGGMFINALEXTRA,
                        G.AGGMFINALMODIFY, G.AGGMINITVAL, ON.NSPNAME, O.OPRNAME, P.PROPARALLEL)
                .from(G)
                // aggfnoid is a regproc, which compares with an oid as is
                .join(P).on(DSL.condition("{0} = {1}", G.AGGFNOID, P.OID))
                .join(N).on(N.OID.eq(P.PRONAMESPACE))
                .leftJoin(O).on(O.OID.eq(G.AGGSORTOP))
                .leftJoin(ON).on(ON.OID.eq(O.OPRNAMESPACE))
                .where(scope.schema(N))
                .and(scope.inScope(P.OID, Scope.PG_PROC)),
                r -> {
                    Aggregate a = aggregate(r);
                    return aggregates.put(a.name(), a);
                });
        return aggregates;
    }

    private static Aggregate aggregate(Rows.Row r) {
        String name = Names.qualify(r.get(N.NSPNAME), r.get(P.PRONAME)) + "(" + r.get(IDENTITY) + ")";
        return new Aggregate(name, r.get(ARGUMENTS),
                switch (r.get(G.AGGKIND)) {
                    case "o" -> "ordered-set";
                    case "h" -> "hypothetical";
                    default -> "normal";
                },
                function(r.get(G.AGGTRANSFN)), r.get(STATE_TYPE), r.get(G.AGGTRANSSPACE),
                function(r.get(G.AGGFINALFN)), r.get(G.AGGFINALEXTRA), modify(r.get(G.AGGFINALMODIFY)),
                function(r.get(G.AGGCOMBINEFN)), function(r.get(G.AGGSERIALFN)), function(r.get(G.AGGDESERIALFN)),
                r.get(G.AGGINITVAL),
                function(r.get(G.AGGMTRANSFN)), function(r.get(G.AGGMINVTRANSFN)), r.get(MOVING_STATE_TYPE), r.get(G.AGGMTRANSSPACE),
                function(r.get(G.AGGMFINALFN)), r.get(G.AGGMFINALEXTRA), modify(r.get(G.AGGMFINALMODIFY)), r.get(G.AGGMINITVAL),
                r.get(O.OPRNAME) == null ? null : "OPERATOR(" + Names.quote(r.get(ON.NSPNAME)) + "." + r.get(O.OPRNAME) + ")",
                switch (r.get(P.PROPARALLEL)) {
                    case "s" -> "SAFE";
                    case "r" -> "RESTRICTED";
                    default -> "UNSAFE";
                });
    }

    /** A regproc as text: "-" is no function. */
    private static String function(String regproc) {
        return regproc == null || regproc.equals("-") ? null : regproc;
    }

    private static String modify(String code) {
        return switch (code) {
            case "s" -> "SHAREABLE";
            case "w" -> "READ_WRITE";
            default -> "READ_ONLY";
        };
    }
}
