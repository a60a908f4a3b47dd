package pum.ddl.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pum.catalog.Details;
import pum.catalog.ForeignDataWrapper;
import pum.catalog.ForeignServer;
import pum.catalog.Names;
import pum.ddl.Hazard;

/** The fix-up of foreign-data wrappers and foreign servers: created, altered in place, dropped late. */
final class ForeignData {
    private ForeignData() {
    }

    static List<Step> fix(Details a, Details b) {
        List<Step> steps = new ArrayList<>();
        Map<String, ForeignDataWrapper> wa = a.foreignDataWrappers();
        Map<String, ForeignDataWrapper> wb = b.foreignDataWrappers();
        for (String name : Fixer.names(wa, wb)) {
            ForeignDataWrapper x = wa.get(name);
            ForeignDataWrapper y = wb.get(name);
            if (x == null) {
                steps.add(Generators.wrapper(y));
            } else if (y == null) {
                steps.add(Step.of(Rank.DROP_LATE_WRAPPER, "wrappers " + name, "DROP FOREIGN DATA WRAPPER " + name + ";"));
            } else if (!x.equals(y)) {
                String alter = "ALTER FOREIGN DATA WRAPPER " + name;
                if (!Objects.equals(x.handler(), y.handler())) {
                    steps.add(Step.of(Rank.WRAPPER, "wrappers " + name, alter + (y.handler() == null ? " NO HANDLER;" : " HANDLER " + y.handler() + ";")));
                }
                if (!Objects.equals(x.validator(), y.validator())) {
                    steps.add(Step.of(Rank.WRAPPER, "wrappers " + name, alter
                            + (y.validator() == null ? " NO VALIDATOR;" : " VALIDATOR " + y.validator() + ";")));
                }
                alterOptions(steps, "wrappers " + name, Rank.WRAPPER, alter, x.options(), y.options());
            }
        }
        Map<String, ForeignServer> sa = a.foreignServers();
        Map<String, ForeignServer> sb = b.foreignServers();
        for (String name : Fixer.names(sa, sb)) {
            ForeignServer x = sa.get(name);
            ForeignServer y = sb.get(name);
            if (x == null) {
                steps.add(Generators.server(y));
            } else if (y == null) {
                steps.add(Step.of(Rank.DROP_LATE_SERVER, "servers " + name, "DROP SERVER " + name + ";"));
            } else if (!x.wrapper().equals(y.wrapper()) || !Objects.equals(x.type(), y.type())) {
                // neither can be altered, and dropping the server would drop its user mappings, whose passwords pum never reads
                steps.add(Step.of(Rank.SERVER, "servers " + name, "-- server " + name + ": its foreign-data wrapper or type changed ("
                        + x.wrapper() + " to " + y.wrapper() + "); re-create it, its user mappings and its foreign tables by hand", Hazard.MANUAL));
            } else if (!x.equals(y)) {
                String alter = "ALTER SERVER " + name;
                if (!Objects.equals(x.version(), y.version())) {
                    steps.add(Step.of(Rank.SERVER, "servers " + name, alter + " VERSION " + (y.version() == null ? "NULL" : QName.literal(y.version()))
                            + ";"));
                }
                alterOptions(steps, "servers " + name, Rank.SERVER, alter, x.options(), y.options());
            }
        }
        return steps;
    }

    /** ALTER ... OPTIONS (ADD/SET/DROP ...) from one list of {@code key=value} options to another. */
    private static void alterOptions(List<Step> steps, String object, Rank rank, String alter, List<String> from, List<String> to) {
        Map<String, String> x = optionMap(from);
        Map<String, String> y = optionMap(to);
        List<String> changes = new ArrayList<>();
        for (String key : Fixer.names(x, y)) {
            String k = Names.quote(key);
            if (!y.containsKey(key)) {
                changes.add("DROP " + k);
            } else if (!x.containsKey(key)) {
                changes.add("ADD " + k + " " + QName.literal(y.get(key)));
            } else if (!x.get(key).equals(y.get(key))) {
                changes.add("SET " + k + " " + QName.literal(y.get(key)));
            }
        }
        if (!changes.isEmpty()) {
            steps.add(Step.of(rank, object, alter + " OPTIONS (" + String.join(", ", changes) + ");"));
        }
    }

    private static Map<String, String> optionMap(List<String> options) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            m.put(eq < 0 ? o : o.substring(0, eq), eq < 0 ? "" : o.substring(eq + 1));
        }
        return m;
    }
}
