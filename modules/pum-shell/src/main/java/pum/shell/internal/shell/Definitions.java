package pum.shell.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pum.catalog.CatalogObject;
import pum.catalog.Column;
import pum.catalog.Constraint;
import pum.catalog.Index;
import pum.catalog.ObjectKind;
import pum.catalog.Routine;
import pum.catalog.Snapshot;
import pum.catalog.Table;
import pum.catalog.Trigger;
import pum.catalog.View;

/**
 * An object's definition on one side of a check, as lines for {@code show}: SQL where the
 * snapshot holds the server's own text (a table with its columns, constraints and indexes,
 * views, functions, indexes, constraints, triggers), the compared facts otherwise. Built from
 * pum.catalog's snapshot, until the DDL module renders every kind as SQL.
 */
final class Definitions {
    private Definitions() {
    }

    /** Every object of any kind with this name (a table and its same-named view cannot both exist; a column and an index can). */
    static List<CatalogObject> find(Snapshot s, String name) {
        List<CatalogObject> found = new ArrayList<>();
        for (ObjectKind k : ObjectKind.values()) {
            if (k == ObjectKind.COMMENTS) {
                continue;
            }
            for (CatalogObject o : s.objects(k)) {
                if (o.name().equals(name)) {
                    found.add(o);
                }
            }
        }
        return found;
    }

    /** The lines of one object's definition. */
    static List<String> lines(Snapshot s, CatalogObject o) {
        List<String> l = new ArrayList<>();
        if (o instanceof Table t) {
            l.add("CREATE " + (t.persistence().equals("unlogged") ? "UNLOGGED " : "") + t.kind().toUpperCase() + " " + t.name() + " (");
            List<String> parts = new ArrayList<>();
            // in the table's column order, not the snapshot's name order
            s.columns().stream().filter(c -> c.name().startsWith(t.name() + ".") && c.name().indexOf('.', t.name().length() + 1) < 0)
                    .sorted(java.util.Comparator.comparingInt(Column::position))
                    .forEach(c -> parts.add("    " + column(c, t.name())));
            for (Constraint c : s.constraints()) {
                if (c.name().startsWith(t.name() + ".") && !c.type().equals("trigger")) {
                    parts.add("    CONSTRAINT " + c.name().substring(t.name().length() + 1) + " " + c.definition());
                }
            }
            for (int i = 0; i < parts.size(); i++) {
                l.add(parts.get(i) + (i + 1 < parts.size() ? "," : ""));
            }
            l.add(")" + (t.partitionKey() != null ? " PARTITION BY " + t.partitionKey() : "")
                    + (t.inherits() != null ? " INHERITS (" + t.inherits() + ")" : "") + (t.options() != null ? " WITH (" + t.options() + ")" : "") + ";");
            for (Index i : s.indexes()) {
                if (i.table().equals(t.name())) {
                    l.add(i.definition() + ";");
                }
            }
            if (!t.rowSecurity().equals("disabled")) {
                l.add("ALTER TABLE " + t.name() + " " + (t.rowSecurity().equals("forced") ? "FORCE" : "ENABLE") + " ROW LEVEL SECURITY;");
            }
        } else if (o instanceof Column c) {
            String table = c.name().substring(0, c.name().lastIndexOf('.'));
            l.add("ALTER TABLE " + table + " ADD COLUMN " + column(c, table) + ";");
        } else if (o instanceof View v) {
            l.add("CREATE " + v.kind().toUpperCase() + " " + v.name() + (v.options() != null ? " WITH (" + v.options() + ")" : "") + " AS");
            l.addAll(split(v.definition()));
        } else if (o instanceof Index i) {
            l.add(i.definition() + ";");
        } else if (o instanceof Constraint c) {
            String table = c.name().substring(0, c.name().lastIndexOf('.'));
            l.add("ALTER TABLE " + table + " ADD CONSTRAINT " + c.name().substring(table.length() + 1) + " " + c.definition() + ";");
        } else if (o instanceof Trigger t && t.definition() != null) {
            l.add(t.definition() + ";");
        } else if (o instanceof Routine r) {
            l.add("CREATE " + r.kind().toUpperCase() + " " + r.name().replaceAll("\\(.*", "") + "(" + r.arguments() + ")"
                    + (r.result() != null ? " RETURNS " + r.result() : ""));
            l.add("    LANGUAGE " + r.language() + " " + r.volatility().toUpperCase() + (r.strict() ? " STRICT" : "")
                    + (r.securityDefiner() ? " SECURITY DEFINER" : "") + (r.config() != null ? " " + r.config() : ""));
            l.add("AS $$");
            l.addAll(split(r.body()));
            l.add("$$;");
        } else {
            l.add(o.objectKind().label() + " " + o.name());
            for (Map.Entry<String, String> f : o.fields().entrySet()) {
                if (f.getValue() != null) {
                    l.add("    " + f.getKey() + ": " + f.getValue());
                }
            }
        }
        return l;
    }

    private static String column(Column c, String table) {
        return c.name().substring(table.length() + 1) + " " + c.type()
                + (c.collation() != null ? " COLLATE " + c.collation() : "")
                + (c.notNull() ? " NOT NULL" : "")
                + (c.defaultValue() != null ? " DEFAULT " + c.defaultValue() : "")
                + (c.identity() != null ? " GENERATED " + c.identity().toUpperCase() + " AS IDENTITY" : "")
                + (c.generated() != null ? " GENERATED ALWAYS AS (" + c.generated() + ") STORED" : "");
    }

    private static List<String> split(String text) {
        List<String> l = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                l.add("    " + line.strip());
            }
        }
        return l;
    }
}
