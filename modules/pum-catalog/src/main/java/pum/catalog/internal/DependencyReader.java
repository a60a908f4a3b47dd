package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_ATTRDEF;
import static pum.catalog.internal.pg.Tables.PG_ATTRIBUTE;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_CONSTRAINT;
import static pum.catalog.internal.pg.Tables.PG_DEPEND;
import static pum.catalog.internal.pg.Tables.PG_EXTENSION;
import static pum.catalog.internal.pg.Tables.PG_FOREIGN_DATA_WRAPPER;
import static pum.catalog.internal.pg.Tables.PG_FOREIGN_SERVER;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_POLICY;
import static pum.catalog.internal.pg.Tables.PG_PROC;
import static pum.catalog.internal.pg.Tables.PG_REWRITE;
import static pum.catalog.internal.pg.Tables.PG_TRIGGER;
import static pum.catalog.internal.pg.Tables.PG_TYPE;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import pum.catalog.Names;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgAttrdef;
import pum.catalog.internal.pg.tables.PgAttribute;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgConstraint;
import pum.catalog.internal.pg.tables.PgDepend;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgPolicy;
import pum.catalog.internal.pg.tables.PgProc;
import pum.catalog.internal.pg.tables.PgRewrite;
import pum.catalog.internal.pg.tables.PgTrigger;
import pum.catalog.internal.pg.tables.PgType;

/**
 * The dependencies between user objects that pg_depend records (normal and automatic ones), as
 * object references {@code KIND NAME} in the snapshot's names ({@code views s.v} depends on
 * {@code columns s.t.c}). Rows of pg_depend name objects by catalog and OID: one query per catalog
 * maps those to names, and objects that belong to an extension are named by their extension.
 * Objects outside the scope (system schemas, excluded schemas) are left out, and so are the edges
 * that lead to them.
 */
final class DependencyReader {
    private static final long PG_REWRITE_ID = 2618;
    private static final long PG_ATTRDEF_ID = 2604;
    private static final long PG_POLICY_ID = 3256;
    private static final long PG_EXTENSION_ID = 3079;
    /** OIDs below this were assigned by initdb: built-in objects, never the user's. */
    private static final long FIRST_NORMAL_OID = 16384;

    private record Key(long catalog, long oid, int sub) {
    }

    /** A relation: its name and what the snapshot calls its kind. */
    private record Relation(String name, String kind) {
    }

    private final Map<Key, String> names = new HashMap<>();
    private final Map<Key, String> members = new HashMap<>();
    private final Map<Long, Relation> relations = new HashMap<>();

    private DependencyReader() {
    }

    static Map<String, Set<String>> read(DSLContext ctx, Scope scope) {
        DependencyReader r = new DependencyReader();
        r.relations(ctx, scope);
        r.columns(ctx, scope);
        r.types(ctx, scope);
        r.routines(ctx, scope);
        r.constraints(ctx);
        r.triggersRulesDefaultsPolicies(ctx);
        r.schemasExtensionsServers(ctx, scope);
        r.extensionMembers(ctx);
        return r.edges(ctx);
    }

    private static String relationKind(String relkind) {
        return switch (relkind) {
            case "r", "p", "f" -> "tables";
            case "v", "m" -> "views";
            case "S" -> "sequences";
            case "i", "I" -> "indexes";
            case "c" -> "types";
            default -> null;
        };
    }

    private void relations(DSLContext ctx, Scope scope) {
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        ctx.select(c.OID, n.NSPNAME, c.RELNAME, c.RELKIND)
                .from(c)
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(c.RELKIND.in(inline("r"), inline("p"), inline("f"), inline("v"), inline("m"), inline("S"), inline("i"),
                        inline("I"), inline("c")))
                .and(scope.schema(n))
                .forEach(row -> {
                    Relation rel = new Relation(Names.qualify(row.value2(), row.value3()), relationKind(row.value4()));
                    relations.put(row.value1(), rel);
                    names.put(new Key(Scope.PG_CLASS, row.value1(), 0), rel.kind() + " " + rel.name());
                });
    }

    private void columns(DSLContext ctx, Scope scope) {
        PgAttribute a = PG_ATTRIBUTE.as("a");
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        ctx.select(a.ATTRELID, a.ATTNUM, a.ATTNAME)
                .from(a)
                .join(c).on(c.OID.eq(a.ATTRELID))
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(a.ATTNUM.gt(inline((short) 0)))
                .and(a.ATTISDROPPED.isFalse())
                .and(c.RELKIND.in(inline("r"), inline("p"), inline("f"), inline("v"), inline("m"), inline("c")))
                .and(scope.schema(n))
                .forEach(row -> {
                    Relation rel = relations.get(row.value1());
                    if (rel != null) {
                        // a composite type's attributes are part of the type
                        names.put(new Key(Scope.PG_CLASS, row.value1(), row.value2()), rel.kind().equals("types")
                                ? "types " + rel.name() : "columns " + rel.name() + "." + Names.quote(row.value3()));
                    }
                });
    }

    private void types(DSLContext ctx, Scope scope) {
        PgType t = PG_TYPE.as("t");
        PgNamespace n = PG_NAMESPACE.as("n");
        Map<Long, Long> arrays = new HashMap<>();
        ctx.select(t.OID, n.NSPNAME, t.TYPNAME, t.TYPTYPE, t.TYPRELID, t.TYPELEM, t.TYPCATEGORY)
                .from(t)
                .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                .where(scope.schema(n))
                .forEach(row -> {
                    Key key = new Key(Scope.PG_TYPE, row.value1(), 0);
                    if (row.value5() != 0) {
                        // a relation's row type is the relation
                        Relation rel = relations.get(row.value5());
                        if (rel != null) {
                            names.put(key, rel.kind() + " " + rel.name());
                        }
                    } else if ("A".equals(row.value7()) && row.value6() != 0) {
                        arrays.put(row.value1(), row.value6());
                    } else {
                        names.put(key, (row.value4().equals("d") ? "domains " : "types ") + Names.qualify(row.value2(), row.value3()));
                    }
                });
        // an array type stands for its element type
        arrays.forEach((array, element) -> {
            String name = names.get(new Key(Scope.PG_TYPE, element, 0));
            if (name != null) {
                names.put(new Key(Scope.PG_TYPE, array, 0), name);
            }
        });
    }

    private void routines(DSLContext ctx, Scope scope) {
        PgProc p = PG_PROC.as("p");
        PgNamespace n = PG_NAMESPACE.as("n");
        ctx.select(p.OID, n.NSPNAME, p.PRONAME, Routines.pgGetFunctionIdentityArguments(p.OID))
                .from(p)
                .join(n).on(n.OID.eq(p.PRONAMESPACE))
                .where(scope.schema(n))
                .forEach(row -> names.put(new Key(Scope.PG_PROC, row.value1(), 0),
                        "functions " + Names.qualify(row.value2(), row.value3()) + "(" + row.value4() + ")"));
    }

    private void constraints(DSLContext ctx) {
        PgConstraint k = PG_CONSTRAINT.as("k");
        ctx.select(k.OID, k.CONRELID, k.CONTYPID, k.CONNAME, k.CONINDID, k.CONTYPE)
                .from(k)
                .where(k.OID.ge(inline(FIRST_NORMAL_OID)))
                .forEach(row -> {
                    Key key = new Key(Scope.PG_CONSTRAINT, row.value1(), 0);
                    if (row.value2() != 0) {
                        Relation rel = relations.get(row.value2());
                        if (rel != null) {
                            String name = "constraints " + rel.name() + "." + Names.quote(row.value4());
                            names.put(key, name);
                            if (row.value5() != 0 && "pux".contains(row.value6())) {
                                // the index behind a constraint is created by the constraint
                                names.put(new Key(Scope.PG_CLASS, row.value5(), 0), name);
                            }
                        }
                    } else if (row.value3() != 0) {
                        // a domain's CHECK is part of the domain
                        String domain = names.get(new Key(Scope.PG_TYPE, row.value3(), 0));
                        if (domain != null) {
                            names.put(key, domain);
                        }
                    }
                });
    }

    private void triggersRulesDefaultsPolicies(DSLContext ctx) {
        PgTrigger tg = PG_TRIGGER.as("tg");
        ctx.select(tg.OID, tg.TGRELID, tg.TGNAME)
                .from(tg)
                .where(tg.TGISINTERNAL.isFalse())
                .forEach(row -> child(Scope.PG_TRIGGER, row.value1(), row.value2(), "triggers", row.value3()));
        PgRewrite rw = PG_REWRITE.as("rw");
        ctx.select(rw.OID, rw.EV_CLASS, rw.RULENAME)
                .from(rw)
                .where(rw.OID.ge(inline(FIRST_NORMAL_OID)))
                .forEach(row -> {
                    Relation rel = relations.get(row.value2());
                    if (rel != null && row.value3().equals("_RETURN")) {
                        // a view's query is its _RETURN rule: what the rule reads, the view reads
                        names.put(new Key(PG_REWRITE_ID, row.value1(), 0), rel.kind() + " " + rel.name());
                    } else {
                        child(PG_REWRITE_ID, row.value1(), row.value2(), "rules", row.value3());
                    }
                });
        PgAttrdef d = PG_ATTRDEF.as("d");
        ctx.select(d.OID, d.ADRELID, d.ADNUM)
                .from(d)
                .forEach(row -> {
                    String column = names.get(new Key(Scope.PG_CLASS, row.value2(), row.value3()));
                    if (column != null) {
                        // a default belongs to its column
                        names.put(new Key(PG_ATTRDEF_ID, row.value1(), 0), column);
                    }
                });
        PgPolicy pol = PG_POLICY.as("pol");
        ctx.select(pol.OID, pol.POLRELID, pol.POLNAME)
                .from(pol)
                .forEach(row -> child(PG_POLICY_ID, row.value1(), row.value2(), "policies", row.value3()));
    }

    private void child(long catalog, long oid, long relation, String kind, String name) {
        Relation rel = relations.get(relation);
        if (rel != null) {
            names.put(new Key(catalog, oid, 0), kind + " " + rel.name() + "." + Names.quote(name));
        }
    }

    private void schemasExtensionsServers(DSLContext ctx, Scope scope) {
        PgNamespace n = PG_NAMESPACE.as("n");
        ctx.select(n.OID, n.NSPNAME).from(n).where(scope.schema(n))
                .forEach(row -> names.put(new Key(Scope.PG_NAMESPACE, row.value1(), 0), "schemas " + Names.quote(row.value2())));
        ctx.select(PG_EXTENSION.OID, PG_EXTENSION.EXTNAME).from(PG_EXTENSION)
                .forEach(row -> names.put(new Key(PG_EXTENSION_ID, row.value1(), 0), "extensions " + Names.quote(row.value2())));
        ctx.select(PG_FOREIGN_SERVER.OID, PG_FOREIGN_SERVER.SRVNAME).from(PG_FOREIGN_SERVER)
                .forEach(row -> names.put(new Key(ForeignServerReader.PG_FOREIGN_SERVER_ID, row.value1(), 0), "servers " + Names.quote(row.value2())));
        ctx.select(PG_FOREIGN_DATA_WRAPPER.OID, PG_FOREIGN_DATA_WRAPPER.FDWNAME).from(PG_FOREIGN_DATA_WRAPPER)
                .forEach(row -> names.put(new Key(ForeignServerReader.PG_FOREIGN_DATA_WRAPPER_ID, row.value1(), 0), "wrappers " + Names.quote(row.value2())));
    }

    /** An object an extension created is named by its extension: what uses it needs the extension first. */
    private void extensionMembers(DSLContext ctx) {
        PgDepend d = PG_DEPEND.as("d");
        ctx.select(d.CLASSID, d.OBJID, d.REFOBJID)
                .from(d)
                .where(d.DEPTYPE.eq(inline("e")))
                .and(d.REFCLASSID.eq(inline(PG_EXTENSION_ID)))
                .forEach(row -> {
                    String extension = names.get(new Key(PG_EXTENSION_ID, row.value3(), 0));
                    if (extension != null) {
                        members.put(new Key(row.value1(), row.value2(), 0), extension);
                    }
                });
    }

    private String name(long catalog, long oid, int sub) {
        String name = members.get(new Key(catalog, oid, 0));
        if (name == null) {
            name = names.get(new Key(catalog, oid, sub));
        }
        if (name == null && sub != 0) {
            name = names.get(new Key(catalog, oid, 0));
        }
        return name;
    }

    private Map<String, Set<String>> edges(DSLContext ctx) {
        PgDepend d = PG_DEPEND.as("d");
        Map<String, Set<String>> edges = new TreeMap<>();
        ctx.select(d.CLASSID, d.OBJID, d.OBJSUBID, d.REFCLASSID, d.REFOBJID, d.REFOBJSUBID)
                .from(d)
                .where(d.DEPTYPE.in(inline("n"), inline("a")))
                .and(d.OBJID.ge(inline(FIRST_NORMAL_OID)))
                .and(d.REFOBJID.ge(inline(FIRST_NORMAL_OID)))
                .forEach(row -> {
                    String from = name(row.value1(), row.value2(), row.value3());
                    String to = name(row.value4(), row.value5(), row.value6());
                    if (from == null || to == null || from.equals(to)) {
                        return;
                    }
                    if (from.startsWith("sequences ") && to.startsWith("columns ")) {
                        // OWNED BY: set after the column exists, never a reason to wait for it
                        return;
                    }
                    edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                });
        return edges;
    }
}
