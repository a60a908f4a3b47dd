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
        Rows.fetch(ctx.select(c.OID, n.NSPNAME, c.RELNAME, c.RELKIND)
                .from(c)
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(c.RELKIND.in(inline("r"), inline("p"), inline("f"), inline("v"), inline("m"), inline("S"), inline("i"),
                        inline("I"), inline("c")))
                .and(scope.schema(n)),
                (oid, schema, name, relkind) -> {
                    Relation rel = new Relation(Names.qualify(schema, name), relationKind(relkind));
                    relations.put(oid, rel);
                    return names.put(new Key(Scope.PG_CLASS, oid, 0), rel.kind() + " " + rel.name());
                });
    }

    private void columns(DSLContext ctx, Scope scope) {
        PgAttribute a = PG_ATTRIBUTE.as("a");
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        Rows.fetch(ctx.select(a.ATTRELID, a.ATTNUM, a.ATTNAME)
                .from(a)
                .join(c).on(c.OID.eq(a.ATTRELID))
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(a.ATTNUM.gt(inline((short) 0)))
                .and(a.ATTISDROPPED.isFalse())
                .and(c.RELKIND.in(inline("r"), inline("p"), inline("f"), inline("v"), inline("m"), inline("c")))
                .and(scope.schema(n)),
                (relation, attnum, name) -> {
                    Relation rel = relations.get(relation);
                    if (rel != null) {
                        // a composite type's attributes are part of the type
                        names.put(new Key(Scope.PG_CLASS, relation, attnum), rel.kind().equals("types")
                                ? "types " + rel.name() : "columns " + rel.name() + "." + Names.quote(name));
                    }
                    return null;
                });
    }

    private void types(DSLContext ctx, Scope scope) {
        PgType t = PG_TYPE.as("t");
        PgNamespace n = PG_NAMESPACE.as("n");
        Map<Long, Long> arrays = new HashMap<>();
        Rows.fetch(ctx.select(t.OID, n.NSPNAME, t.TYPNAME, t.TYPTYPE, t.TYPRELID, t.TYPELEM, t.TYPCATEGORY)
                .from(t)
                .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                .where(scope.schema(n)),
                (oid, schema, name, typtype, relation, element, category) -> {
                    Key key = new Key(Scope.PG_TYPE, oid, 0);
                    if (relation != 0) {
                        // a relation's row type is the relation
                        Relation rel = relations.get(relation);
                        if (rel != null) {
                            names.put(key, rel.kind() + " " + rel.name());
                        }
                    } else if ("A".equals(category) && element != 0) {
                        arrays.put(oid, element);
                    } else {
                        names.put(key, (typtype.equals("d") ? "domains " : "types ") + Names.qualify(schema, name));
                    }
                    return null;
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
        Rows.fetch(ctx.select(p.OID, n.NSPNAME, p.PRONAME, Routines.pgGetFunctionIdentityArguments(p.OID))
                .from(p)
                .join(n).on(n.OID.eq(p.PRONAMESPACE))
                .where(scope.schema(n)),
                (oid, schema, name, arguments) -> names.put(new Key(Scope.PG_PROC, oid, 0),
                        "functions " + Names.qualify(schema, name) + "(" + arguments + ")"));
    }

    private void constraints(DSLContext ctx) {
        PgConstraint k = PG_CONSTRAINT.as("k");
        Rows.fetch(ctx.select(k.OID, k.CONRELID, k.CONTYPID, k.CONNAME, k.CONINDID, k.CONTYPE)
                .from(k)
                .where(k.OID.ge(inline(FIRST_NORMAL_OID))),
                (oid, relation, type, conname, index, contype) -> {
                    Key key = new Key(Scope.PG_CONSTRAINT, oid, 0);
                    if (relation != 0) {
                        Relation rel = relations.get(relation);
                        if (rel != null) {
                            String name = "constraints " + rel.name() + "." + Names.quote(conname);
                            names.put(key, name);
                            if (index != 0 && "pux".contains(contype)) {
                                // the index behind a constraint is created by the constraint
                                names.put(new Key(Scope.PG_CLASS, index, 0), name);
                            }
                        }
                    } else if (type != 0) {
                        // a domain's CHECK is part of the domain
                        String domain = names.get(new Key(Scope.PG_TYPE, type, 0));
                        if (domain != null) {
                            names.put(key, domain);
                        }
                    }
                    return null;
                });
    }

    private void triggersRulesDefaultsPolicies(DSLContext ctx) {
        PgTrigger tg = PG_TRIGGER.as("tg");
        Rows.fetch(ctx.select(tg.OID, tg.TGRELID, tg.TGNAME)
                .from(tg)
                .where(tg.TGISINTERNAL.isFalse()),
                (oid, relation, name) -> {
                    child(Scope.PG_TRIGGER, oid, relation, "triggers", name);
                    return null;
                });
        PgRewrite rw = PG_REWRITE.as("rw");
        Rows.fetch(ctx.select(rw.OID, rw.EV_CLASS, rw.RULENAME)
                .from(rw)
                .where(rw.OID.ge(inline(FIRST_NORMAL_OID))),
                (oid, relation, name) -> {
                    Relation rel = relations.get(relation);
                    if (rel != null && name.equals("_RETURN")) {
                        // a view's query is its _RETURN rule: what the rule reads, the view reads
                        names.put(new Key(PG_REWRITE_ID, oid, 0), rel.kind() + " " + rel.name());
                    } else {
                        child(PG_REWRITE_ID, oid, relation, "rules", name);
                    }
                    return null;
                });
        PgAttrdef d = PG_ATTRDEF.as("d");
        Rows.fetch(ctx.select(d.OID, d.ADRELID, d.ADNUM)
                .from(d),
                (oid, relation, attnum) -> {
                    String column = names.get(new Key(Scope.PG_CLASS, relation, attnum));
                    if (column != null) {
                        // a default belongs to its column
                        names.put(new Key(PG_ATTRDEF_ID, oid, 0), column);
                    }
                    return null;
                });
        PgPolicy pol = PG_POLICY.as("pol");
        Rows.fetch(ctx.select(pol.OID, pol.POLRELID, pol.POLNAME)
                .from(pol),
                (oid, relation, name) -> {
                    child(PG_POLICY_ID, oid, relation, "policies", name);
                    return null;
                });
    }

    private void child(long catalog, long oid, long relation, String kind, String name) {
        Relation rel = relations.get(relation);
        if (rel != null) {
            names.put(new Key(catalog, oid, 0), kind + " " + rel.name() + "." + Names.quote(name));
        }
    }

    private void schemasExtensionsServers(DSLContext ctx, Scope scope) {
        PgNamespace n = PG_NAMESPACE.as("n");
        Rows.fetch(ctx.select(n.OID, n.NSPNAME).from(n).where(scope.schema(n)),
                (oid, name) -> names.put(new Key(Scope.PG_NAMESPACE, oid, 0), "schemas " + Names.quote(name)));
        Rows.fetch(ctx.select(PG_EXTENSION.OID, PG_EXTENSION.EXTNAME).from(PG_EXTENSION),
                (oid, name) -> names.put(new Key(PG_EXTENSION_ID, oid, 0), "extensions " + Names.quote(name)));
        Rows.fetch(ctx.select(PG_FOREIGN_SERVER.OID, PG_FOREIGN_SERVER.SRVNAME).from(PG_FOREIGN_SERVER),
                (oid, name) -> names.put(new Key(ForeignServerReader.PG_FOREIGN_SERVER_ID, oid, 0), "servers " + Names.quote(name)));
        Rows.fetch(ctx.select(PG_FOREIGN_DATA_WRAPPER.OID, PG_FOREIGN_DATA_WRAPPER.FDWNAME).from(PG_FOREIGN_DATA_WRAPPER),
                (oid, name) -> names.put(new Key(ForeignServerReader.PG_FOREIGN_DATA_WRAPPER_ID, oid, 0), "wrappers " + Names.quote(name)));
    }

    /** An object an extension created is named by its extension: what uses it needs the extension first. */
    private void extensionMembers(DSLContext ctx) {
        PgDepend d = PG_DEPEND.as("d");
        Rows.fetch(ctx.select(d.CLASSID, d.OBJID, d.REFOBJID)
                .from(d)
                .where(d.DEPTYPE.eq(inline("e")))
                .and(d.REFCLASSID.eq(inline(PG_EXTENSION_ID))),
                (catalog, oid, extensionOid) -> {
                    String extension = names.get(new Key(PG_EXTENSION_ID, extensionOid, 0));
                    if (extension != null) {
                        members.put(new Key(catalog, oid, 0), extension);
                    }
                    return null;
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
        Rows.fetch(ctx.select(d.CLASSID, d.OBJID, d.OBJSUBID, d.REFCLASSID, d.REFOBJID, d.REFOBJSUBID)
                .from(d)
                .where(d.DEPTYPE.in(inline("n"), inline("a")))
                .and(d.OBJID.ge(inline(FIRST_NORMAL_OID)))
                .and(d.REFOBJID.ge(inline(FIRST_NORMAL_OID))),
                (catalog, oid, sub, refCatalog, refOid, refSub) -> {
                    String from = name(catalog, oid, sub);
                    String to = name(refCatalog, refOid, refSub);
                    if (from == null || to == null || from.equals(to)) {
                        return null;
                    }
                    if (from.startsWith("sequences ") && to.startsWith("columns ")) {
                        // OWNED BY: set after the column exists, never a reason to wait for it
                        return null;
                    }
                    return edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                });
        return edges;
    }
}
