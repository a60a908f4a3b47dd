package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static pum.catalog.internal.pg.Tables.PG_DEPEND;

import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import pum.catalog.internal.pg.tables.PgNamespace;

/**
 * The one condition every reader applies: user schemas only (no system schemas, no schemas the
 * user excluded) and no objects that belong to an extension (PostGIS's functions, types and
 * tables are the extension's business, compared through its version).
 */
public final class Scope {
    /** OIDs of catalogs as pg_depend.classid names them; fixed by PostgreSQL since 8.x (pg_class.h, ...). */
    public static final long PG_CLASS = 1259;
    /** pg_proc's OID. */
    public static final long PG_PROC = 1255;
    /** pg_type's OID. */
    public static final long PG_TYPE = 1247;
    /** pg_namespace's OID. */
    public static final long PG_NAMESPACE = 2615;
    /** pg_constraint's OID. */
    public static final long PG_CONSTRAINT = 2606;
    /** pg_trigger's OID. */
    public static final long PG_TRIGGER = 2620;

    private static final List<String> SYSTEM = List.of("pg_catalog", "information_schema");

    private final Set<String> excluded;
    private final Server server;
    private final Set<Long> excludedRelations;
    private final Set<Long> excludedNamespaces;

    /** A scope leaving out these schemas on top of the system ones. */
    public Scope(Set<String> excluded, Server server) {
        this(excluded, server, Set.of(), Set.of());
    }

    /**
     * A scope that also leaves out relations and schemas by OID: pum's own upgrades table with its
     * indexes and owned sequences (and with them their columns, constraints, triggers and
     * comments), and its schema when it holds nothing else.
     */
    public Scope(Set<String> excluded, Server server, Set<Long> excludedRelations, Set<Long> excludedNamespaces) {
        this.excluded = excluded;
        this.server = server;
        this.excludedRelations = Set.copyOf(excludedRelations);
        this.excludedNamespaces = Set.copyOf(excludedNamespaces);
    }

    /** Whether nothing is left out beyond the system schemas (the pre-rendered queries are this scope's). */
    public boolean isDefault() {
        return excluded.isEmpty() && excludedRelations.isEmpty() && excludedNamespaces.isEmpty();
    }

    /** The server being read. */
    public Server server() {
        return server;
    }

    /** Rows of this namespace alias are user schemas the user did not exclude and no extension owns. */
    public Condition schema(PgNamespace n) {
        Condition c = n.NSPNAME.notIn(SYSTEM)
                .and(n.NSPNAME.notLike(inline("pg\\_toast%"), '\\'))
                .and(n.NSPNAME.notLike(inline("pg\\_temp\\_%"), '\\'))
                .and(notExtensionMember(n.OID, PG_NAMESPACE));
        if (!excluded.isEmpty()) {
            c = c.and(n.NSPNAME.notIn(excluded));
        }
        if (!excludedNamespaces.isEmpty()) {
            c = c.and(n.OID.notIn(excludedNamespaces.stream().map(DSL::inline).toList()));
        }
        return c;
    }

    /**
     * The object with this OID in this catalog is not a member of an extension, and, for a
     * relation, not one of the relations left out by identity. Readers of objects that hang off a
     * relation (columns, constraints, indexes, triggers, rules, policies, comments) pass the
     * relation's OID, so they leave those out too.
     */
    public Condition inScope(Field<Long> oid, long catalog) {
        Condition c = notExtensionMember(oid, catalog);
        if (catalog == PG_CLASS && !excludedRelations.isEmpty()) {
            c = c.and(oid.notIn(excludedRelations.stream().map(DSL::inline).toList()));
        }
        return c;
    }

    /** The object with this OID in this catalog is not a member of an extension. */
    private Condition notExtensionMember(Field<Long> oid, long catalog) {
        return notExists(selectOne().from(PG_DEPEND).where(
                PG_DEPEND.CLASSID.eq(inline(catalog)),
                PG_DEPEND.OBJID.eq(oid),
                PG_DEPEND.DEPTYPE.eq(inline("e"))));
    }

    /** Collapses runs of whitespace, for server-printed text whose layout changed between majors. */
    public static String collapse(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        StringBuilder b = null;
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (!blank(c)) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            int end = i + 1;
            while (end < n && blank(t.charAt(end))) {
                end++;
            }
            if (b == null && (c != ' ' || end > i + 1)) {
                b = new StringBuilder(n).append(t, 0, i);
            }
            if (b != null) {
                b.append(' ');
            }
            i = end - 1;
        }
        return b == null ? t : b.toString();
    }

    /** What the regular expression {@code \s} matches: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** A nullable text array as a comma-separated list, or null. */
    public static String join(String[] values) {
        return values == null || values.length == 0 ? null : String.join(", ", values);
    }

    /** Empty text as null: several catalog functions print "" for "none". */
    public static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
