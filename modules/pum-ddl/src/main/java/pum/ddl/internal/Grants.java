package pum.ddl.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pum.catalog.Details;
import pum.catalog.Grant;
import pum.catalog.Routine;
import pum.catalog.Snapshot;
import pum.ddl.DdlStatement;

/**
 * GRANT and REVOKE statements that give the objects of a snapshot the privileges its access
 * control lists hold, once the objects exist. Owners are not generated, so the owner's own
 * privileges are those of whoever runs the statements.
 */
public final class Grants {
    private Grants() {
    }

    /** See {@link pum.ddl.Ddl#grants}. */
    public static List<DdlStatement> of(Snapshot snapshot, Details details) {
        Map<String, Routine> routines = Model.byName(snapshot.functions());
        List<DdlStatement> out = new ArrayList<>();
        details.grants().forEach((object, grants) -> {
            int space = object.indexOf(' ');
            String kind = object.substring(0, space);
            String name = object.substring(space + 1);
            String column = null;
            if (kind.equals("columns")) {
                column = QName.last(name);
                name = QName.parent(name);
            }
            String on = switch (kind) {
                case "tables", "views", "columns" -> "TABLE " + name;
                case "sequences" -> "SEQUENCE " + name;
                case "functions" -> {
                    Routine r = routines.get(name);
                    // GRANT names an ordered-set aggregate's arguments without ORDER BY
                    yield (r != null && r.kind().equals("procedure") ? "PROCEDURE " : "FUNCTION ") + name.replace(" ORDER BY ", ", ");
                }
                case "schemas" -> "SCHEMA " + name;
                case "types" -> "TYPE " + name;
                case "domains" -> "DOMAIN " + name;
                case "wrappers" -> "FOREIGN DATA WRAPPER " + name;
                case "servers" -> "FOREIGN SERVER " + name;
                default -> null;
            };
            if (on == null) {
                return;
            }
            if (column == null) {
                // the list replaces PostgreSQL's defaults (EXECUTE and USAGE for PUBLIC on functions and types)
                out.add(new DdlStatement("grants " + object, "REVOKE ALL ON " + on + " FROM PUBLIC;", java.util.Set.of()));
            }
            Map<String, List<String>> byGrantee = new LinkedHashMap<>();
            for (Grant g : grants) {
                byGrantee.computeIfAbsent(g.grantee() + (g.grantable() ? " WITH GRANT OPTION" : ""), k -> new ArrayList<>())
                        .add(column == null ? g.privilege() : g.privilege() + " (" + column + ")");
            }
            byGrantee.forEach((to, privileges) -> out.add(new DdlStatement("grants " + object, "GRANT " + String.join(", ", privileges)
                    + " ON " + on + " TO " + to + ";", java.util.Set.of())));
        });
        return out;
    }
}
