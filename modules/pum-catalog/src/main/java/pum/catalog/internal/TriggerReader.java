package pum.catalog.internal;

import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_PROC;
import static pum.catalog.internal.pg.Tables.PG_TRIGGER;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import pum.catalog.Names;
import pum.catalog.Trigger;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgProc;
import pum.catalog.internal.pg.tables.PgTrigger;

/** User triggers (not the internal ones PostgreSQL makes for foreign keys). */
final class TriggerReader {
    // tgtype bits, from PostgreSQL's pg_trigger.h
    private static final int ROW = 1;
    private static final int BEFORE = 2;
    private static final int INSERT = 4;
    private static final int DELETE = 8;
    private static final int UPDATE = 16;
    private static final int TRUNCATE = 32;
    private static final int INSTEAD = 64;
    private static final Pattern WHEN = Pattern.compile(" WHEN \\((.*)\\) EXECUTE (?:FUNCTION|PROCEDURE) ", Pattern.DOTALL);

    private TriggerReader() {
    }

    static List<Trigger> read(Reads reads) {
        return Rows.fetch(reads, "triggers", (DSLContext ctx, Scope scope) -> {
            PgTrigger tg = PG_TRIGGER.as("tg");
            PgClass c = PG_CLASS.as("c");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgProc p = PG_PROC.as("p");
            PgNamespace pn = PG_NAMESPACE.as("pn");
            return ctx.select(n.NSPNAME, c.RELNAME, tg.TGNAME, tg.TGTYPE, pn.NSPNAME, p.PRONAME, tg.TGENABLED,
                            Routines.pgGetTriggerdef1(tg.OID))
                    .from(tg)
                    .join(c).on(c.OID.eq(tg.TGRELID))
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .join(p).on(p.OID.eq(tg.TGFOID))
                    .join(pn).on(pn.OID.eq(p.PRONAMESPACE))
                    .where(tg.TGISINTERNAL.isFalse())
                    .and(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, table, name, type, fnSchema, fn, enabled, def) -> {
                    int t = type;
                    List<String> events = new ArrayList<>();
                    if ((t & INSERT) != 0) {
                        events.add("INSERT");
                    }
                    if ((t & UPDATE) != 0) {
                        events.add("UPDATE");
                    }
                    if ((t & DELETE) != 0) {
                        events.add("DELETE");
                    }
                    if ((t & TRUNCATE) != 0) {
                        events.add("TRUNCATE");
                    }
                    Matcher when = WHEN.matcher(def);
                    return new Trigger(Names.qualify(schema, table, name),
                            (t & INSTEAD) != 0 ? "INSTEAD OF" : (t & BEFORE) != 0 ? "BEFORE" : "AFTER",
                            String.join(" OR ", events),
                            (t & ROW) != 0 ? "ROW" : "STATEMENT",
                            Names.qualify(fnSchema, fn),
                            when.find() ? when.group(1) : null,
                            switch (enabled) {
                                case "D" -> "disabled";
                                case "R" -> "replica";
                                case "A" -> "always";
                                default -> "origin";
                            },
                            def);
                });
    }
}
