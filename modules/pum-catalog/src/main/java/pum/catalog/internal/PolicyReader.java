package pum.catalog.internal;

import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_POLICY;
import static pum.catalog.internal.pg.Tables.PG_ROLES;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import pum.catalog.Names;
import pum.catalog.Policy;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgPolicy;

/** Row-level security policies. */
final class PolicyReader {
    private PolicyReader() {
    }

    static List<Policy> read(Reads reads) {
        List<Policy> policies = Rows.fetch(reads, "policies", (DSLContext ctx, Scope scope) -> {
            PgPolicy p = PG_POLICY.as("p");
            PgClass c = PG_CLASS.as("c");
            PgNamespace n = PG_NAMESPACE.as("n");
            return ctx.select(n.NSPNAME, c.RELNAME, p.POLNAME, p.POLCMD, p.POLPERMISSIVE, p.POLROLES,
                            Routines.pgGetExpr1(p.POLQUAL, p.POLRELID), Routines.pgGetExpr1(p.POLWITHCHECK, p.POLRELID))
                    .from(p)
                    .join(c).on(c.OID.eq(p.POLRELID))
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .where(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, table, name, cmd, permissive, roles, using, check) ->
                        new Policy(Names.qualify(schema, table, name),
                                switch (cmd) {
                                    case "r" -> "SELECT";
                                    case "a" -> "INSERT";
                                    case "w" -> "UPDATE";
                                    case "d" -> "DELETE";
                                    default -> "ALL";
                                },
                                permissive, roleOids(roles), using, check));
        if (policies.isEmpty()) {
            return policies;
        }
        // role OIDs differ between clusters: compare names (OID 0 is PUBLIC)
        Map<String, String> roleNames = new java.util.HashMap<>();
        Rows.fetch(reads, "policies.roles", (DSLContext ctx, Scope scope) -> ctx.select(PG_ROLES.OID, PG_ROLES.ROLNAME).from(PG_ROLES),
                (oid, name) -> roleNames.put(oid.toString(), Names.quote(name)));
        roleNames.put("0", "PUBLIC");
        return policies.stream().map(pol -> new Policy(pol.name(), pol.command(), pol.permissive(),
                Arrays.stream(pol.roles().split(",")).map(o -> roleNames.getOrDefault(o, o)).sorted().collect(Collectors.joining(", ")),
                pol.using(), pol.withCheck())).toList();
    }

    private static String roleOids(Long[] roles) {
        return Arrays.stream(roles).map(String::valueOf).collect(Collectors.joining(","));
    }
}
