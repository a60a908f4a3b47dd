package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_ATTRIBUTE;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_FOREIGN_DATA_WRAPPER;
import static pum.catalog.internal.pg.Tables.PG_FOREIGN_SERVER;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_PROC;
import static pum.catalog.internal.pg.Tables.PG_ROLES;
import static pum.catalog.internal.pg.Tables.PG_TYPE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import pum.catalog.Grant;
import pum.catalog.Names;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgAttribute;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgProc;
import pum.catalog.internal.pg.tables.PgType;

/**
 * Access control lists of the objects in scope that have one (an object whose list is null has
 * PostgreSQL's default privileges and is left out). Each list is read as PostgreSQL prints it
 * ({@code grantee=privileges/grantor}) and turned into grants; the owner's entries are left out.
 */
final class GrantReader {
    private static final Map<Character, String> PRIVILEGES = Map.ofEntries(
            Map.entry('r', "SELECT"), Map.entry('a', "INSERT"), Map.entry('w', "UPDATE"), Map.entry('d', "DELETE"),
            Map.entry('D', "TRUNCATE"), Map.entry('x', "REFERENCES"), Map.entry('t', "TRIGGER"), Map.entry('X', "EXECUTE"),
            Map.entry('U', "USAGE"), Map.entry('C', "CREATE"), Map.entry('c', "CONNECT"), Map.entry('T', "TEMPORARY"),
            Map.entry('m', "MAINTAIN"));

    private GrantReader() {
    }

    static Map<String, List<Grant>> read(DSLContext ctx, Scope scope) {
        Map<Long, String> roles = new HashMap<>();
        Rows.fetch(ctx.select(PG_ROLES.OID, PG_ROLES.ROLNAME).from(PG_ROLES), (oid, name) -> roles.put(oid, name));
        Map<String, List<Grant>> grants = new HashMap<>();
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        Rows.fetch(ctx.select(n.NSPNAME, c.RELNAME, c.RELKIND, c.RELOWNER, c.RELACL)
                .from(c)
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(c.RELKIND.in(inline("r"), inline("p"), inline("f"), inline("v"), inline("m"), inline("S")))
                .and(c.RELACL.isNotNull())
                .and(scope.schema(n))
                .and(scope.inScope(c.OID, Scope.PG_CLASS)),
                (schema, relation, kind, owner, acl) -> add(grants, (switch (kind) {
                    case "v", "m" -> "views ";
                    case "S" -> "sequences ";
                    default -> "tables ";
                }) + Names.qualify(schema, relation), roles.get(owner), acl));
        PgAttribute a = PG_ATTRIBUTE.as("a");
        Rows.fetch(ctx.select(n.NSPNAME, c.RELNAME, a.ATTNAME, c.RELOWNER, a.ATTACL)
                .from(a)
                .join(c).on(c.OID.eq(a.ATTRELID))
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(a.ATTACL.isNotNull())
                .and(a.ATTNUM.gt(inline((short) 0)))
                .and(a.ATTISDROPPED.isFalse())
                .and(scope.schema(n))
                .and(scope.inScope(c.OID, Scope.PG_CLASS)),
                (schema, relation, column, owner, acl) -> add(grants, "columns " + Names.qualify(schema, relation, column), roles.get(owner), acl));
        PgProc p = PG_PROC.as("p");
        Rows.fetch(ctx.select(n.NSPNAME, p.PRONAME, Routines.pgGetFunctionIdentityArguments(p.OID), p.PROOWNER, p.PROACL)
                .from(p)
                .join(n).on(n.OID.eq(p.PRONAMESPACE))
                .where(p.PROACL.isNotNull())
                .and(scope.schema(n))
                .and(scope.inScope(p.OID, Scope.PG_PROC)),
                (schema, function, arguments, owner, acl) -> add(grants, "functions " + Names.qualify(schema, function) + "(" + arguments + ")",
                        roles.get(owner), acl));
        Rows.fetch(ctx.select(n.NSPNAME, n.NSPOWNER, n.NSPACL)
                .from(n)
                .where(n.NSPACL.isNotNull())
                .and(scope.schema(n)),
                (schema, owner, acl) -> add(grants, "schemas " + Names.quote(schema), roles.get(owner), acl));
        PgType t = PG_TYPE.as("t");
        PgClass tc = PG_CLASS.as("tc");
        Rows.fetch(ctx.select(n.NSPNAME, t.TYPNAME, t.TYPTYPE, t.TYPOWNER, t.TYPACL)
                .from(t)
                .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                .leftJoin(tc).on(tc.OID.eq(t.TYPRELID))
                .where(t.TYPACL.isNotNull())
                .and(t.TYPTYPE.in(inline("e"), inline("d"), inline("c")))
                // a table's row type shares the table's privileges
                .and(tc.OID.isNull().or(tc.RELKIND.eq(inline("c"))))
                .and(scope.schema(n))
                .and(scope.inScope(t.OID, Scope.PG_TYPE)),
                (schema, type, typtype, owner, acl) -> add(grants, (typtype.equals("d") ? "domains " : "types ") + Names.qualify(schema, type),
                        roles.get(owner), acl));
        Rows.fetch(ctx.select(PG_FOREIGN_DATA_WRAPPER.FDWNAME, PG_FOREIGN_DATA_WRAPPER.FDWOWNER, PG_FOREIGN_DATA_WRAPPER.FDWACL)
                .from(PG_FOREIGN_DATA_WRAPPER)
                .where(PG_FOREIGN_DATA_WRAPPER.FDWACL.isNotNull())
                .and(scope.inScope(PG_FOREIGN_DATA_WRAPPER.OID, ForeignServerReader.PG_FOREIGN_DATA_WRAPPER_ID)),
                (wrapper, owner, acl) -> add(grants, "wrappers " + Names.quote(wrapper), roles.get(owner), acl));
        Rows.fetch(ctx.select(PG_FOREIGN_SERVER.SRVNAME, PG_FOREIGN_SERVER.SRVOWNER, PG_FOREIGN_SERVER.SRVACL)
                .from(PG_FOREIGN_SERVER)
                .where(PG_FOREIGN_SERVER.SRVACL.isNotNull())
                .and(scope.inScope(PG_FOREIGN_SERVER.OID, ForeignServerReader.PG_FOREIGN_SERVER_ID)),
                (server, owner, acl) -> add(grants, "servers " + Names.quote(server), roles.get(owner), acl));
        return grants;
    }

    /** Adds the grants of one object's list; returns the object's grants. */
    private static List<Grant> add(Map<String, List<Grant>> grants, String object, String owner, String[] acl) {
        List<Grant> list = grants.computeIfAbsent(object, k -> new ArrayList<>());
        for (String item : acl) {
            parse(list, object, owner, item);
        }
        return list;
    }

    /** One {@code grantee=privileges/grantor} item; an empty grantee is PUBLIC, a quoted one is unquoted. */
    static void parse(List<Grant> out, String object, String owner, String item) {
        StringBuilder grantee = new StringBuilder();
        int i = 0;
        if (item.startsWith("\"")) {
            for (i = 1; i < item.length(); i++) {
                char ch = item.charAt(i);
                if (ch == '"') {
                    if (i + 1 < item.length() && item.charAt(i + 1) == '"') {
                        grantee.append('"');
                        i++;
                    } else {
                        i++;
                        break;
                    }
                } else {
                    grantee.append(ch);
                }
            }
        } else {
            while (i < item.length() && item.charAt(i) != '=') {
                grantee.append(item.charAt(i++));
            }
        }
        if (i >= item.length() || item.charAt(i) != '=' || grantee.toString().equals(owner)) {
            return;
        }
        String name = grantee.isEmpty() ? "PUBLIC" : Names.quote(grantee.toString());
        int slash = item.indexOf('/', i);
        String privileges = item.substring(i + 1, slash < 0 ? item.length() : slash);
        for (int k = 0; k < privileges.length(); k++) {
            String privilege = PRIVILEGES.get(privileges.charAt(k));
            boolean grantable = k + 1 < privileges.length() && privileges.charAt(k + 1) == '*';
            if (privilege != null) {
                out.add(new Grant(object, name, privilege, grantable));
            }
        }
    }
}
