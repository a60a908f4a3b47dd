package pum.ddl.internal;

import java.util.ArrayList;
import java.util.List;
import pum.catalog.Aggregate;
import pum.catalog.Column;
import pum.catalog.Comment;
import pum.catalog.Constraint;
import pum.catalog.Domain;
import pum.catalog.Extension;
import pum.catalog.ForeignDataWrapper;
import pum.catalog.ForeignServer;
import pum.catalog.ForeignTable;
import pum.catalog.Index;
import pum.catalog.Names;
import pum.catalog.Policy;
import pum.catalog.Routine;
import pum.catalog.Rule;
import pum.catalog.Schema;
import pum.catalog.Sequence;
import pum.catalog.Table;
import pum.catalog.Trigger;
import pum.catalog.UserType;
import pum.catalog.View;
import pum.ddl.Hazard;

/**
 * The CREATE statements of each object kind, one generator method per kind. Everything they print
 * comes from the server's own text (types as format_type prints them, definitions as pg_get_*def
 * prints them), so replaying them gives the same snapshot.
 */
final class Generators {
    private Generators() {
    }

    static Step schema(Schema s) {
        // public exists in every fresh database
        return Step.of(Rank.SCHEMA, "schemas " + s.name(), "CREATE SCHEMA IF NOT EXISTS " + s.name() + ";").providing(s.name());
    }

    static Step extension(Extension e) {
        return Step.of(Rank.EXTENSION, "extensions " + e.name(), "CREATE EXTENSION IF NOT EXISTS " + e.name() + " WITH SCHEMA "
                + Names.quote(e.schema()) + " VERSION " + QName.literal(e.version()) + ";");
    }

    static Step type(Model m, UserType t) {
        String body;
        if (t.kind().equals("enum")) {
            List<String> labels = m.details.enumLabels().getOrDefault(t.name(),
                    t.elements() == null ? List.of() : List.of(t.elements().split(", ")));
            body = "AS ENUM (" + String.join(", ", labels.stream().map(QName::literal).toList()) + ")";
        } else {
            List<String> attributes = m.details.compositeAttributes().getOrDefault(t.name(),
                    t.elements() == null ? List.of() : List.of(t.elements().split(", ")));
            body = "AS (" + String.join(", ", attributes) + ")";
        }
        return Step.of(Rank.TYPE, "types " + t.name(), "CREATE TYPE " + t.name() + " " + body + ";").providing(t.name());
    }

    static Step domain(Model m, Domain d) {
        StringBuilder b = new StringBuilder("CREATE DOMAIN ").append(d.name()).append(" AS ").append(d.baseType());
        if (d.collation() != null) {
            b.append(" COLLATE ").append(d.collation());
        }
        if (d.defaultValue() != null) {
            b.append(" DEFAULT ").append(d.defaultValue());
        }
        if (d.notNull()) {
            b.append(" NOT NULL");
        }
        for (String check : m.details.domainChecks().getOrDefault(d.name(), List.of())) {
            b.append(' ').append(check);
        }
        return Step.of(Rank.DOMAIN, "domains " + d.name(), b.append(';').toString()).providing(d.name());
    }

    static Step function(Model m, Routine r) {
        String def = m.details.functionDefinitions().get(r.name());
        Aggregate agg = m.details.aggregates().get(r.name());
        if (def == null && agg != null) {
            return Step.of(Rank.FUNCTION, "functions " + r.name(), aggregate(agg)).providing(QName.routine(r.name()));
        }
        if (def == null) {
            return Step.of(Rank.FUNCTION, "functions " + r.name(), "-- " + r.kind() + " " + r.name()
                    + ": pum does not generate " + r.kind() + "s; create it by hand", Hazard.MANUAL);
        }
        Step step = Step.of(Rank.FUNCTION, "functions " + r.name(), def.strip() + ";").providing(QName.routine(r.name()));
        // PostgreSQL records what an SQL-standard body (BEGIN ATOMIC, RETURN) reads, never what other bodies read
        return sqlStandardBody(r) ? step : step.untracked();
    }

    static boolean sqlStandardBody(Routine r) {
        String body = r.body() == null ? "" : r.body().stripLeading();
        return r.language().equals("sql") && (body.startsWith("BEGIN ATOMIC") || body.startsWith("RETURN "));
    }

    /** CREATE OR REPLACE AGGREGATE with every part pg_aggregate holds (OR REPLACE, as pg_get_functiondef prints functions). */
    static String aggregate(Aggregate a) {
        List<String> parts = new ArrayList<>();
        parts.add("SFUNC = " + a.transition());
        parts.add("STYPE = " + a.stateType());
        if (a.stateSpace() != 0) {
            parts.add("SSPACE = " + a.stateSpace());
        }
        if (a.finalFunction() != null) {
            parts.add("FINALFUNC = " + a.finalFunction());
            if (a.finalExtra()) {
                parts.add("FINALFUNC_EXTRA");
            }
            parts.add("FINALFUNC_MODIFY = " + a.finalModify());
        }
        optional(parts, "COMBINEFUNC", a.combine());
        optional(parts, "SERIALFUNC", a.serial());
        optional(parts, "DESERIALFUNC", a.deserial());
        if (a.initialValue() != null) {
            parts.add("INITCOND = " + QName.literal(a.initialValue()));
        }
        if (a.movingTransition() != null) {
            parts.add("MSFUNC = " + a.movingTransition());
            parts.add("MINVFUNC = " + a.movingInverse());
            parts.add("MSTYPE = " + a.movingStateType());
            if (a.movingStateSpace() != 0) {
                parts.add("MSSPACE = " + a.movingStateSpace());
            }
            if (a.movingFinalFunction() != null) {
                parts.add("MFINALFUNC = " + a.movingFinalFunction());
                if (a.movingFinalExtra()) {
                    parts.add("MFINALFUNC_EXTRA");
                }
                parts.add("MFINALFUNC_MODIFY = " + a.movingFinalModify());
            }
            if (a.movingInitialValue() != null) {
                parts.add("MINITCOND = " + QName.literal(a.movingInitialValue()));
            }
        }
        optional(parts, "SORTOP", a.sortOperator());
        if (a.kind().equals("hypothetical")) {
            parts.add("HYPOTHETICAL");
        }
        parts.add("PARALLEL = " + a.parallel());
        String arguments = a.arguments().isEmpty() ? "*" : a.arguments();
        return "CREATE OR REPLACE AGGREGATE " + QName.routine(a.name()) + "(" + arguments + ") (\n    "
                + String.join(",\n    ", parts) + "\n);";
    }

    private static void optional(List<String> parts, String key, String value) {
        if (value != null) {
            parts.add(key + " = " + value);
        }
    }

    /** OPTIONS (...) from options as PostgreSQL stores them ({@code key=value}), or "" for none. */
    static String options(List<String> options) {
        if (options.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            out.add(eq < 0 ? Names.quote(o) : Names.quote(o.substring(0, eq)) + " " + QName.literal(o.substring(eq + 1)));
        }
        return " OPTIONS (" + String.join(", ", out) + ")";
    }

    static Step wrapper(ForeignDataWrapper w) {
        return Step.of(Rank.WRAPPER, "wrappers " + w.name(), "CREATE FOREIGN DATA WRAPPER " + w.name()
                + (w.handler() == null ? "" : " HANDLER " + w.handler()) + (w.validator() == null ? "" : " VALIDATOR " + w.validator())
                + options(w.options()) + ";");
    }

    static Step server(ForeignServer s) {
        return Step.of(Rank.SERVER, "servers " + s.name(), "CREATE SERVER " + s.name()
                + (s.type() == null ? "" : " TYPE " + QName.literal(s.type())) + (s.version() == null ? "" : " VERSION " + QName.literal(s.version()))
                + " FOREIGN DATA WRAPPER " + s.wrapper() + options(s.options()) + ";");
    }

    static String sequenceOptions(Sequence s, boolean withType) {
        return (withType ? "AS " + s.type() + " " : "") + "START WITH " + s.start() + " INCREMENT BY " + s.increment()
                + " MINVALUE " + s.min() + " MAXVALUE " + s.max() + " CACHE " + s.cache() + (s.cycle() ? " CYCLE" : " NO CYCLE");
    }

    /** A sequence and, separately (after its table), its OWNED BY; identity sequences come with their column. */
    static List<Step> sequence(Model m, Sequence s) {
        if (m.identitySequences.contains(s.name())) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of(Rank.SEQUENCE, "sequences " + s.name(), "CREATE SEQUENCE " + s.name() + " " + sequenceOptions(s, true) + ";")
                .providing(s.name()));
        if (s.ownedBy() != null) {
            steps.add(Step.of(Rank.SEQUENCE_OWNER, "sequences " + s.name(), "ALTER SEQUENCE " + s.name() + " OWNED BY " + s.ownedBy() + ";")
                    .untracked());
        }
        return steps;
    }

    /** A column as CREATE TABLE and ADD COLUMN spell it (a foreign table's with its options). */
    static String column(Model m, Column c) {
        StringBuilder b = new StringBuilder(QName.last(c.name())).append(' ').append(c.type());
        ForeignTable foreign = m.details.foreignTables().get(QName.parent(c.name()));
        if (foreign != null) {
            b.append(options(foreign.columnOptions().getOrDefault(c.name(), List.of())));
        }
        if (c.collation() != null) {
            b.append(" COLLATE ").append(c.collation());
        }
        if (c.generated() != null) {
            b.append(" GENERATED ALWAYS AS (").append(c.generated()).append(") STORED");
        } else if (c.identity() != null) {
            b.append(" GENERATED ").append(c.identity().toUpperCase(java.util.Locale.ROOT)).append(" AS IDENTITY");
            Sequence s = m.sequencesByOwner.get(c.name());
            if (s != null) {
                b.append(" (SEQUENCE NAME ").append(s.name()).append(' ').append(sequenceOptions(s, false)).append(')');
            }
        } else if (c.defaultValue() != null) {
            b.append(" DEFAULT ").append(c.defaultValue());
        }
        if (c.notNull()) {
            b.append(" NOT NULL");
        }
        return b.toString();
    }

    /** A table with its columns (a partition gets its columns from its parent). */
    static List<Step> table(Model m, Table t) {
        List<Step> steps = new ArrayList<>();
        ForeignTable foreign = null;
        if (t.kind().equals("foreign table")) {
            foreign = m.details.foreignTables().get(t.name());
            if (foreign == null) {
                steps.add(Step.of(Rank.TABLE, "tables " + t.name(), "-- foreign table " + t.name()
                        + ": its server and options were not read; create it by hand", Hazard.MANUAL));
                return steps;
            }
        }
        StringBuilder b = new StringBuilder("CREATE ");
        if (t.persistence().equals("unlogged")) {
            b.append("UNLOGGED ");
        }
        b.append(foreign == null ? "TABLE " : "FOREIGN TABLE ").append(t.name());
        List<Column> columns = m.columnsByRelation.getOrDefault(t.name(), List.of());
        if (t.partitionOf() != null) {
            b.append(" PARTITION OF ").append(t.partitionOf()).append(' ').append(t.partitionBound());
        } else {
            b.append(" (");
            for (int i = 0; i < columns.size(); i++) {
                b.append(i == 0 ? "\n    " : ",\n    ").append(column(m, columns.get(i)));
            }
            b.append(columns.isEmpty() ? ")" : "\n)");
            if (t.inherits() != null) {
                b.append(" INHERITS (").append(t.inherits()).append(')');
            }
        }
        if (t.partitionKey() != null) {
            b.append(" PARTITION BY ").append(t.partitionKey());
        }
        if (foreign != null) {
            b.append(" SERVER ").append(foreign.server()).append(options(foreign.options()));
        }
        if (t.options() != null) {
            b.append(" WITH (").append(t.options()).append(')');
        }
        steps.add(Step.of(Rank.TABLE, "tables " + t.name(), b.append(';').toString()).providing(t.name()));
        steps.addAll(rowSecurity(t, "disabled"));
        return steps;
    }

    static List<Step> rowSecurity(Table t, String from) {
        List<Step> steps = new ArrayList<>();
        String to = t.rowSecurity();
        if (to.equals(from)) {
            return steps;
        }
        boolean wasOn = !from.equals("disabled");
        boolean on = !to.equals("disabled");
        if (on != wasOn) {
            steps.add(Step.of(Rank.ROW_SECURITY, "tables " + t.name(), "ALTER TABLE " + t.name() + (on ? " ENABLE" : " DISABLE")
                    + " ROW LEVEL SECURITY;", Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        if (from.equals("forced") != to.equals("forced")) {
            steps.add(Step.of(Rank.ROW_SECURITY, "tables " + t.name(), "ALTER TABLE " + t.name() + (to.equals("forced") ? "" : " NO")
                    + " FORCE ROW LEVEL SECURITY;", Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        return steps;
    }

    static Step constraint(Model m, Constraint k) {
        String table = QName.parent(k.name());
        boolean fk = k.type().equals("foreign key");
        List<Hazard> hazards = new ArrayList<>(List.of(Hazard.ACCESS_EXCLUSIVE_LOCK));
        if (k.validated()) {
            hazards.add(Hazard.SCANS_TABLE);
        }
        if (k.type().equals("primary key") || k.type().equals("unique") || k.type().equals("exclusion")) {
            hazards.add(Hazard.BUILDS_INDEX);
        }
        return Step.of(fk ? Rank.FOREIGN_KEY : Rank.CONSTRAINT, "constraints " + k.name(), "ALTER TABLE " + table
                + " ADD CONSTRAINT " + QName.last(k.name()) + " " + k.definition() + ";", hazards.toArray(Hazard[]::new));
    }

    static Step index(Index i) {
        // pg_get_indexdef prints ON ONLY for a partitioned table's index; without ONLY the partitions get theirs
        String def = i.definition().replaceFirst(" ON ONLY ", " ON ");
        return Step.of(Rank.INDEX, "indexes " + i.name(), def + ";", Hazard.BUILDS_INDEX).providing(i.name());
    }

    static Step view(View v) {
        String def = v.definition().strip();
        if (def.endsWith(";")) {
            def = def.substring(0, def.length() - 1);
        }
        boolean materialized = v.kind().equals("materialized view");
        String sql = "CREATE " + (materialized ? "MATERIALIZED " : "") + "VIEW " + v.name()
                + (v.options() == null ? "" : " WITH (" + v.options() + ")") + " AS\n" + def + ";";
        return Step.of(Rank.VIEW, "views " + v.name(), sql).providing(v.name());
    }

    static List<Step> trigger(Trigger t) {
        List<Step> steps = new ArrayList<>();
        String table = QName.parent(t.name());
        steps.add(Step.of(Rank.TRIGGER, "triggers " + t.name(), t.definition() + ";"));
        String enable = switch (t.enabled()) {
            case "disabled" -> " DISABLE TRIGGER ";
            case "always" -> " ENABLE ALWAYS TRIGGER ";
            case "replica" -> " ENABLE REPLICA TRIGGER ";
            default -> null;
        };
        if (enable != null) {
            steps.add(Step.of(Rank.TRIGGER, "triggers " + t.name(), "ALTER TABLE " + table + enable + QName.last(t.name()) + ";"));
        }
        return steps;
    }

    static Step rule(Rule r) {
        String def = r.definition().strip();
        return Step.of(Rank.RULE, "rules " + r.name(), def.endsWith(";") ? def : def + ";");
    }

    static Step policy(Policy p) {
        StringBuilder b = new StringBuilder("CREATE POLICY ").append(QName.last(p.name())).append(" ON ").append(QName.parent(p.name()))
                .append(p.permissive() ? " AS PERMISSIVE" : " AS RESTRICTIVE").append(" FOR ").append(p.command()).append(" TO ");
        List<String> roles = new ArrayList<>();
        for (String role : p.roles().split(", ")) {
            roles.add(role.equals("0") || role.equalsIgnoreCase("public") ? "PUBLIC" : Names.quote(role));
        }
        b.append(String.join(", ", roles));
        if (p.using() != null) {
            b.append(" USING (").append(p.using()).append(')');
        }
        if (p.withCheck() != null) {
            b.append(" WITH CHECK (").append(p.withCheck()).append(')');
        }
        return Step.of(Rank.POLICY, "policies " + p.name(), b.append(';').toString());
    }

    /** COMMENT ON for a comment's name ({@code column s.t.c}), with the text or NULL. */
    static Step comment(String name, String text) {
        String kind = QName.commentKind(name);
        String target = name.substring(kind.length() + 1);
        String on = switch (kind) {
            case "constraint", "trigger", "rule", "policy" -> kind.toUpperCase(java.util.Locale.ROOT) + " " + QName.last(target)
                    + " ON " + QName.parent(target);
            // an ordered-set aggregate's arguments (ORDER BY) are beyond COMMENT ON ROUTINE
            case "function" -> (target.contains(" ORDER BY ") ? "AGGREGATE " : "ROUTINE ") + target;
            default -> kind.toUpperCase(java.util.Locale.ROOT) + " " + target;
        };
        return Step.of(Rank.COMMENT, "comments " + name, "COMMENT ON " + on + " IS " + (text == null ? "NULL" : QName.literal(text)) + ";")
                .untracked();
    }

    static Step comment(Comment c) {
        return comment(c.name(), c.text());
    }
}
