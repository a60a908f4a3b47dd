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
        ctx.select(PG_ROLES.OID, PG_ROLES.ROLNAME).from(PG_ROLES).forEach(r -> roles.put(r.value1(), r.value2()));
        Map<String, List<Grant>> grants = new HashMap<>();
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        ctx.select(n.NSPNAME, c.RELNAME, c.RELKIND, c.RELOWNER, c.RELACL)
                .from(c)
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(c.RELKIND.in(inline("r"), inline("p"), inline("f"), inline("v"), inline("m"), inline("S")))
                .and(c.RELACL.isNotNull())
                .and(scope.schema(n))
                .and(scope.inScope(c.OID, Scope.PG_CLASS))
                .forEach(r -> add(grants, (switch (r.value3()) {
                    case "v", "m" -> "views ";
                    case "S" -> "sequences ";
                    default -> "tables ";
                }) + Names.qualify(r.value1(), r.value2()), roles.get(r.value4()), r.value5()));
        PgAttribute a = PG_ATTRIBUTE.as("a");
        ctx.select(n.NSPNAME, c.RELNAME, a.ATTNAME, c.RELOWNER, a.ATTACL)
                .from(a)
                .join(c).on(c.OID.eq(a.ATTRELID))
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(a.ATTACL.isNotNull())
                .and(a.ATTNUM.gt(inline((short) 0)))
                .and(a.ATTISDROPPED.isFalse())
                .and(scope.schema(n))
                .and(scope.inScope(c.OID, Scope.PG_CLASS))
                .forEach(r -> add(grants, "columns " + Names.qualify(r.value1(), r.value2(), r.value3()), roles.get(r.value4()), r.value5()));
        PgProc p = PG_PROC.as("p");
        ctx.select(n.NSPNAME, p.PRONAME, Routines.pgGetFunctionIdentityArguments(p.OID), p.PROOWNER, p.PROACL)
                .from(p)
                .join(n).on(n.OID.eq(p.PRONAMESPACE))
                .where(p.PROACL.isNotNull())
                .and(scope.schema(n))
                .and(scope.inScope(p.OID, Scope.PG_PROC))
                .forEach(r -> add(grants, "functions " + Names.qualify(r.value1(), r.value2()) + "(" + r.value3() + ")",
                        roles.get(r.value4()), r.value5()));
        ctx.select(n.NSPNAME, n.NSPOWNER, n.NSPACL)
                .from(n)
                .where(n.NSPACL.isNotNull())
                .and(scope.schema(n))
                .forEach(r -> add(grants, "schemas " + Names.quote(r.value1()), roles.get(r.value2()), r.value3()));
        PgType t = PG_TYPE.as("t");
        PgClass tc = PG_CLASS.as("tc");
        ctx.select(n.NSPNAME, t.TYPNAME, t.TYPTYPE, t.TYPOWNER, t.TYPACL)
                .from(t)
                .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                .leftJoin(tc).on(tc.OID.eq(t.TYPRELID))
                .where(t.TYPACL.isNotNull())
                .and(t.TYPTYPE.in(inline("e"), inline("d"), inline("c")))
                // a table's row type shares the table's privileges
                .and(tc.OID.isNull().or(tc.RELKIND.eq(inline("c"))))
                .and(scope.schema(n))
                .and(scope.inScope(t.OID, Scope.PG_TYPE))
                .forEach(r -> add(grants, (r.value3().equals("d") ? "domains " : "types ") + Names.qualify(r.value1(), r.value2()),
                        roles.get(r.value4()), r.value5()));
        ctx.select(PG_FOREIGN_DATA_WRAPPER.FDWNAME, PG_FOREIGN_DATA_WRAPPER.FDWOWNER, PG_FOREIGN_DATA_WRAPPER.FDWACL)
                .from(PG_FOREIGN_DATA_WRAPPER)
                .where(PG_FOREIGN_DATA_WRAPPER.FDWACL.isNotNull())
                .and(scope.inScope(PG_FOREIGN_DATA_WRAPPER.OID, ForeignServerReader.PG_FOREIGN_DATA_WRAPPER_ID))
                .forEach(r -> add(grants, "wrappers " + Names.quote(r.value1()), roles.get(r.value2()), r.value3()));
        ctx.select(PG_FOREIGN_SERVER.SRVNAME, PG_FOREIGN_SERVER.SRVOWNER, PG_FOREIGN_SERVER.SRVACL)
                .from(PG_FOREIGN_SERVER)
                .where(PG_FOREIGN_SERVER.SRVACL.isNotNull())
                .and(scope.inScope(PG_FOREIGN_SERVER.OID, ForeignServerReader.PG_FOREIGN_SERVER_ID))
                .forEach(r -> add(grants, "servers " + Names.quote(r.value1()), roles.get(r.value2()), r.value3()));
        return grants;
    }

    private static void add(Map<String, List<Grant>> grants, String object, String owner, String[] acl) {
        List<Grant> list = grants.computeIfAbsent(object, k -> new ArrayList<>());
        for (String item : acl) {
            parse(list, object, owner, item);
        }
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
