package pum.ddl;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import pum.catalog.Details;
import pum.catalog.Snapshot;
import pum.ddl.internal.Creator;
import pum.ddl.internal.Fixer;
import pum.ddl.internal.Grants;

/**
 * DDL generated from snapshots: pure functions, no connection. Statements come in an order that
 * runs (a dependency graph from pg_depend's edges in {@link Details#dependencies}, and, where
 * PostgreSQL does not track what a text names, such as plpgsql bodies, from the schema-qualified
 * names in the server-printed texts), the same order every time for the same input.
 */
public final class Ddl {
    private Ddl() {
    }

    /** The statements that build this schema in an empty database (what {@code pum remap} writes). */
    public static List<DdlStatement> create(Snapshot snapshot, Details details) {
        return Creator.create(snapshot, details);
    }

    /**
     * The statements that make the first database's schema match the second's (what
     * {@code pum check --fix} writes): creates early, drops late, views and SQL-standard functions
     * that read a changed column (per pg_depend, transitively) dropped before the change and
     * re-created after it.
     */
    public static List<DdlStatement> fix(Snapshot first, Details firstDetails, Snapshot second, Details secondDetails) {
        return Fixer.fix(first, firstDetails, second, secondDetails);
    }

    /**
     * The GRANT and REVOKE statements that give a schema built by {@link #create} the privileges
     * of the database it was read from (opt-in: {@code create} never grants). Every role named
     * must exist where they run; owners are not generated, so the owner's own privileges are
     * those of whoever runs them. Object by object, in name order.
     */
    public static List<DdlStatement> grants(Snapshot snapshot, Details details) {
        return Grants.of(snapshot, details);
    }

    /**
     * The statements as an SQL script: a heading of comment lines ({@code title}, then how many
     * statements carry each hazard), {@code SET check_function_bodies = false} (function bodies may
     * name objects created later, as in pg_dump's output), then each statement, preceded by a
     * comment naming its hazards if it has any.
     */
    public static String script(String title, List<DdlStatement> statements) {
        StringBuilder b = new StringBuilder();
        for (String line : title.split("\n")) {
            b.append("-- ").append(line).append('\n');
        }
        Map<Hazard, Integer> counts = new EnumMap<>(Hazard.class);
        for (DdlStatement s : statements) {
            s.hazards().forEach(h -> counts.merge(h, 1, Integer::sum));
        }
        if (counts.isEmpty()) {
            b.append("-- hazards: none\n");
        } else {
            b.append("-- hazards:\n");
            counts.forEach((h, n) -> b.append("--   ").append(h).append(" (").append(n).append(n == 1 ? " statement" : " statements")
                    .append("): ").append(h.description()).append('\n'));
        }
        b.append("\nSET check_function_bodies = false;\n");
        for (DdlStatement s : statements) {
            b.append('\n');
            if (!s.hazards().isEmpty()) {
                b.append("-- hazards: ").append(String.join(", ", s.hazards().stream().sorted().map(Enum::name).toList())).append('\n');
            }
            b.append(s.sql()).append('\n');
        }
        return b.toString();
    }
}
