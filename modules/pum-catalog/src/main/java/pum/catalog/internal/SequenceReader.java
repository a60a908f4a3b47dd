package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_ATTRIBUTE;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_DEPEND;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_SEQUENCE;

import java.util.List;
import org.jooq.DSLContext;
import pum.catalog.Names;
import pum.catalog.Sequence;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgAttribute;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgDepend;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgSequence;

/** Sequences with their parameters and owning column (OWNED BY, or the identity column). */
final class SequenceReader {
    private SequenceReader() {
    }

    static List<Sequence> read(Reads reads) {
        return Rows.fetch(reads, "sequences", (DSLContext ctx, Scope scope) -> {
            PgSequence s = PG_SEQUENCE.as("s");
            PgClass c = PG_CLASS.as("c");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgDepend d = PG_DEPEND.as("d");
            PgClass tc = PG_CLASS.as("tc");
            PgNamespace tn = PG_NAMESPACE.as("tn");
            PgAttribute ta = PG_ATTRIBUTE.as("ta");
            return ctx.select(n.NSPNAME, c.RELNAME, Routines.formatType(s.SEQTYPID, inline((Integer) null)),
                            s.SEQSTART, s.SEQINCREMENT, s.SEQMIN, s.SEQMAX, s.SEQCACHE, s.SEQCYCLE,
                            tn.NSPNAME, tc.RELNAME, ta.ATTNAME)
                    .from(s)
                    .join(c).on(c.OID.eq(s.SEQRELID))
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .leftJoin(d).on(d.CLASSID.eq(inline(Scope.PG_CLASS)).and(d.OBJID.eq(c.OID))
                            .and(d.REFCLASSID.eq(inline(Scope.PG_CLASS))).and(d.DEPTYPE.in(inline("a"), inline("i"))))
                    .leftJoin(tc).on(tc.OID.eq(d.REFOBJID))
                    .leftJoin(tn).on(tn.OID.eq(tc.RELNAMESPACE))
                    .leftJoin(ta).on(ta.ATTRELID.eq(d.REFOBJID).and(ta.ATTNUM.eq(d.REFOBJSUBID.cast(Short.class))))
                    .where(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, name, type, start, inc, min, max, cache, cycle, ownerSchema, owner, column) ->
                        new Sequence(Names.qualify(schema, name), type, start, inc, min, max, cache, cycle,
                                owner == null || column == null ? null : Names.qualify(ownerSchema, owner, column)));
    }
}
