package pum.ddl.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pum.catalog.CatalogObject;
import pum.catalog.Column;
import pum.catalog.Comment;
import pum.catalog.Constraint;
import pum.catalog.Details;
import pum.catalog.Domain;
import pum.catalog.Extension;
import pum.catalog.Index;
import pum.catalog.Names;
import pum.catalog.Policy;
import pum.catalog.Routine;
import pum.catalog.Rule;
import pum.catalog.Schema;
import pum.catalog.Sequence;
import pum.catalog.Snapshot;
import pum.catalog.Table;
import pum.catalog.Trigger;
import pum.catalog.UserType;
import pum.catalog.View;
import pum.ddl.DdlStatement;
import pum.ddl.Hazard;

/**
 * The statements that turn the first snapshot into the second. Objects are matched by name; a
 * changed object is altered where PostgreSQL can alter it in place, and dropped and re-created
 * otherwise. Relations that are re-created (and views that read a changed or dropped column, or
 * a re-created view) take their indexes, triggers, rules, policies and comments with them; those
 * are created again from the second snapshot.
 */
public final class Fixer {
    private static final Pattern CHAIN = Pattern.compile("(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")(?:\\.(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\"))+");
    private static final Pattern CHECK_NAME = Pattern.compile("^CONSTRAINT (\"(?:[^\"]|\"\")+\"|\\S+) ");

    private final Model a;
    private final Model b;
    private final List<Step> steps = new ArrayList<>();
    /** Objects (relations, indexes, functions, types) of the first database dropped as a whole. */
    private final Set<String> droppedInA = new HashSet<>();
    /** Objects of the second database created as a whole (their dependents are created with them). */
    private final Set<String> builtInB = new HashSet<>();
    /** Functions of the second database that already get a CREATE (OR REPLACE). */
    private final Set<String> functionsCreated = new HashSet<>();
    /** Late drops of functions gone from the second database, by name: made early if something dropped early needs it gone. */
    private final Map<String, Step> lateFunctionDrops = new java.util.TreeMap<>();
    /** Triggers, rules, policies, constraints and indexes (as {@code KIND NAME}) that read what does not survive the plan: dropped and created again. */
    private final Set<String> forcedChildren = new HashSet<>();

    private Fixer(Model a, Model b) {
        this.a = a;
        this.b = b;
    }

    /** See {@link pum.ddl.Ddl#fix}. */
    public static List<DdlStatement> fix(Snapshot first, Details firstDetails, Snapshot second, Details secondDetails) {
        Fixer f = new Fixer(new Model(first, firstDetails), new Model(second, secondDetails));
        f.plan();
        return Graph.order(f.steps, secondDetails.dependencies()).stream().map(Step::statement).toList();
    }

    /** The keys of both maps, sorted. */
    static <T> Set<String> names(Map<String, T> x, Map<String, T> y) {
        Set<String> s = new TreeSet<>(x.keySet());
        s.addAll(y.keySet());
        return s;
    }

    private void plan() {
        schemasAndExtensions();
        steps.addAll(ForeignData.fix(a.details, b.details));
        types();
        domains();
        functions();
        sequences();
        Set<String> changedColumns = new TreeSet<>();
        Set<String> changedColumnsOf = tablesAndColumns(changedColumns);
        dependents(changedColumns, changedColumnsOf);
        steps.addAll(lateFunctionDrops.values());
        Set<String> recreatedTables = new HashSet<>(droppedInA);
        children(a.snapshot.constraints(), b.snapshot.constraints(), k -> QName.parent(k.name()), a::implicitConstraint, b::implicitConstraint,
                (x, y) -> forcedChildren.contains("constraints " + x.name())
                        || y.type().equals("foreign key") && recreatedTables.stream().anyMatch(t -> y.definition().contains(" REFERENCES " + t + "(")),
                y -> List.of(Generators.constraint(b, y)),
                x -> Step.of(x.type().equals("foreign key") ? Rank.DROP_FOREIGN_KEY : Rank.DROP_CONSTRAINT, "constraints " + x.name(),
                        "ALTER TABLE " + QName.parent(x.name()) + " DROP CONSTRAINT " + QName.last(x.name()) + ";", Hazard.ACCESS_EXCLUSIVE_LOCK));
        Map<String, Index> ia = Model.byName(a.snapshot.indexes());
        Map<String, Index> ib = Model.byName(b.snapshot.indexes());
        for (String name : names(ia, ib)) {
            if (ia.containsKey(name) && ib.containsKey(name) && !ia.get(name).equals(ib.get(name))) {
                droppedInA.add(name);
                builtInB.add(name);
            }
        }
        children(a.snapshot.indexes(), b.snapshot.indexes(), Index::table, a::implicitIndex, b::implicitIndex,
                (x, y) -> forcedChildren.contains("indexes " + x.name()),
                y -> List.of(Generators.index(y)),
                x -> Step.of(Rank.DROP_INDEX, "indexes " + x.name(), "DROP INDEX " + x.name() + ";", Hazard.ACCESS_EXCLUSIVE_LOCK));
        children(a.snapshot.triggers(), b.snapshot.triggers(), t -> QName.parent(t.name()), t -> false, t -> false,
                (x, y) -> forcedChildren.contains("triggers " + x.name()),
                Generators::trigger,
                x -> Step.of(Rank.DROP_TRIGGER, "triggers " + x.name(), "DROP TRIGGER " + QName.last(x.name()) + " ON " + QName.parent(x.name())
                        + ";", Hazard.ACCESS_EXCLUSIVE_LOCK));
        children(a.snapshot.rules(), b.snapshot.rules(), r -> QName.parent(r.name()), r -> false, r -> false,
                (x, y) -> forcedChildren.contains("rules " + x.name()),
                y -> List.of(Generators.rule(y)),
                x -> Step.of(Rank.DROP_RULE, "rules " + x.name(), "DROP RULE " + QName.last(x.name()) + " ON " + QName.parent(x.name()) + ";",
                        Hazard.ACCESS_EXCLUSIVE_LOCK));
        children(a.snapshot.policies(), b.snapshot.policies(), p -> QName.parent(p.name()), p -> false, p -> false,
                (x, y) -> forcedChildren.contains("policies " + x.name()),
                y -> List.of(Generators.policy(y)),
                x -> Step.of(Rank.DROP_POLICY, "policies " + x.name(), "DROP POLICY " + QName.last(x.name()) + " ON " + QName.parent(x.name())
                        + ";", Hazard.ACCESS_EXCLUSIVE_LOCK));
        comments();
    }

    /**
     * The generic rule for objects that hang off another object: create the second's version when
     * it is new, changed, or its parent is built anew; drop the first's version when it is gone or
     * changed, unless its parent is dropped anyway.
     */
    private <T extends CatalogObject> void children(List<T> la, List<T> lb, Function<T, String> parent, Predicate<T> implicitA,
                                                    Predicate<T> implicitB, BiPredicate<T, T> force, Function<T, List<Step>> create,
                                                    Function<T, Step> drop) {
        Map<String, T> ma = Model.byName(la);
        Map<String, T> mb = Model.byName(lb);
        for (String name : names(ma, mb)) {
            T x = ma.get(name);
            T y = mb.get(name);
            if (x != null && implicitA.test(x)) {
                x = null;
            }
            if (y != null && implicitB.test(y)) {
                y = null;
            }
            boolean parentDropped = x != null && droppedInA.contains(parent.apply(x));
            boolean parentBuilt = y != null && (builtInB.contains(parent.apply(y)) || builtInB.contains(y.name()));
            boolean changed = x != null && y != null && (!x.equals(y) || force.test(x, y));
            if (y != null && (x == null || changed || parentBuilt || parentDropped)) {
                steps.addAll(create.apply(y));
            }
            if (x != null && !parentDropped && (y == null || changed || parentBuilt)) {
                steps.add(drop.apply(x));
            }
        }
    }

    private void schemasAndExtensions() {
        Map<String, Schema> sa = Model.byName(a.snapshot.schemas());
        Map<String, Schema> sb = Model.byName(b.snapshot.schemas());
        for (String name : names(sa, sb)) {
            if (!sa.containsKey(name)) {
                steps.add(Generators.schema(sb.get(name)));
            } else if (!sb.containsKey(name)) {
                steps.add(Step.of(Rank.DROP_LATE_SCHEMA, "schemas " + name, "DROP SCHEMA " + name + ";"));
            }
        }
        Map<String, Extension> ea = Model.byName(a.snapshot.extensions());
        Map<String, Extension> eb = Model.byName(b.snapshot.extensions());
        for (String name : names(ea, eb)) {
            Extension x = ea.get(name);
            Extension y = eb.get(name);
            if (x == null) {
                steps.add(Generators.extension(y));
            } else if (y == null) {
                steps.add(Step.of(Rank.DROP_LATE_EXTENSION, "extensions " + name, "DROP EXTENSION " + name + ";", Hazard.DELETES_DATA));
            } else {
                if (!x.version().equals(y.version())) {
                    steps.add(Step.of(Rank.EXTENSION, "extensions " + name, "ALTER EXTENSION " + name + " UPDATE TO "
                            + QName.literal(y.version()) + ";"));
                }
                if (!x.schema().equals(y.schema())) {
                    steps.add(Step.of(Rank.EXTENSION, "extensions " + name, "ALTER EXTENSION " + name + " SET SCHEMA "
                            + Names.quote(y.schema()) + ";"));
                }
            }
        }
    }

    private void types() {
        Map<String, UserType> ta = Model.byName(a.snapshot.types());
        Map<String, UserType> tb = Model.byName(b.snapshot.types());
        for (String name : names(ta, tb)) {
            UserType x = ta.get(name);
            UserType y = tb.get(name);
            if (x == null) {
                steps.add(Generators.type(b, y));
            } else if (y == null) {
                steps.add(Step.of(Rank.DROP_LATE_TYPE, "types " + name, "DROP TYPE " + name + ";"));
            } else if (!x.equals(y)) {
                List<String> before = a.details.enumLabels().getOrDefault(name, List.of());
                List<String> after = b.details.enumLabels().getOrDefault(name, List.of());
                if (x.kind().equals("enum") && y.kind().equals("enum") && after.stream().filter(before::contains).toList().equals(before)) {
                    // only new labels: ADD VALUE keeps the type (and every column using it)
                    for (int i = 0; i < after.size(); i++) {
                        String label = after.get(i);
                        if (!before.contains(label)) {
                            String where = i > 0 ? " AFTER " + QName.literal(after.get(i - 1))
                                    : before.isEmpty() ? "" : " BEFORE " + QName.literal(before.get(0));
                            steps.add(Step.of(Rank.TYPE, "types " + name, "ALTER TYPE " + name + " ADD VALUE " + QName.literal(label) + where + ";"));
                        }
                    }
                } else {
                    droppedInA.add(name);
                    builtInB.add(name);
                    steps.add(Step.of(Rank.DROP_TYPE_RECREATED, "types " + name, "DROP TYPE " + name + ";", Hazard.DELETES_DATA));
                    steps.add(Generators.type(b, y));
                }
            }
        }
    }

    private void domains() {
        Map<String, Domain> da = Model.byName(a.snapshot.domains());
        Map<String, Domain> db = Model.byName(b.snapshot.domains());
        for (String name : names(da, db)) {
            Domain x = da.get(name);
            Domain y = db.get(name);
            if (x == null) {
                steps.add(Generators.domain(b, y));
            } else if (y == null) {
                steps.add(Step.of(Rank.DROP_LATE_DOMAIN, "domains " + name, "DROP DOMAIN " + name + ";"));
            } else if (!x.equals(y)) {
                if (!x.baseType().equals(y.baseType()) || !Objects.equals(x.collation(), y.collation())) {
                    droppedInA.add(name);
                    builtInB.add(name);
                    steps.add(Step.of(Rank.DROP_TYPE_RECREATED, "domains " + name, "DROP DOMAIN " + name + ";", Hazard.DELETES_DATA));
                    steps.add(Generators.domain(b, y));
                    continue;
                }
                String object = "domains " + name;
                if (!Objects.equals(x.defaultValue(), y.defaultValue())) {
                    steps.add(Step.of(Rank.DOMAIN, object, "ALTER DOMAIN " + name + (y.defaultValue() == null ? " DROP DEFAULT;"
                            : " SET DEFAULT " + y.defaultValue() + ";")));
                }
                if (x.notNull() != y.notNull()) {
                    steps.add(Step.of(Rank.DOMAIN, object, "ALTER DOMAIN " + name + (y.notNull() ? " SET" : " DROP") + " NOT NULL;",
                            Hazard.SCANS_TABLE));
                }
                List<String> ca = a.details.domainChecks().getOrDefault(name, List.of());
                List<String> cb = b.details.domainChecks().getOrDefault(name, List.of());
                for (String check : ca) {
                    Matcher m = CHECK_NAME.matcher(check);
                    if (!cb.contains(check) && m.find()) {
                        steps.add(Step.of(Rank.DOMAIN, object, "ALTER DOMAIN " + name + " DROP CONSTRAINT " + m.group(1) + ";"));
                    }
                }
                for (String check : cb) {
                    if (!ca.contains(check)) {
                        steps.add(Step.of(Rank.DOMAIN, object, "ALTER DOMAIN " + name + " ADD " + check + ";", Hazard.SCANS_TABLE));
                    }
                }
            }
        }
    }

    private static String dropRoutine(Routine r) {
        if (r.kind().equals("aggregate")) {
            // DROP ROUTINE cannot name an ordered-set aggregate's arguments, and agg(*) has none to name
            return "DROP AGGREGATE " + (r.name().endsWith("()") ? QName.routine(r.name()) + "(*)" : r.name()) + ";";
        }
        return "DROP ROUTINE " + r.name() + ";";
    }

    private void functions() {
        Map<String, Routine> fa = Model.byName(a.snapshot.functions());
        Map<String, Routine> fb = Model.byName(b.snapshot.functions());
        for (String name : names(fa, fb)) {
            Routine x = fa.get(name);
            Routine y = fb.get(name);
            boolean aggregateChanged = x != null && y != null
                    && !Objects.equals(a.details.aggregates().get(name), b.details.aggregates().get(name));
            if (x == null) {
                functionsCreated.add(name);
                steps.add(Generators.function(b, y));
            } else if (y == null) {
                lateFunctionDrops.put(name, Step.of(Rank.DROP_LATE_FUNCTION, "functions " + name, dropRoutine(x)));
            } else if (!x.equals(y) || aggregateChanged) {
                if (!x.kind().equals(y.kind()) || !x.arguments().equals(y.arguments()) || !Objects.equals(x.result(), y.result())) {
                    // CREATE OR REPLACE cannot change the result type, argument names or defaults
                    droppedInA.add(name);
                    builtInB.add(name);
                    steps.add(Step.of(Rank.DROP_FUNCTION, "functions " + name, dropRoutine(x)));
                }
                functionsCreated.add(name);
                steps.add(Generators.function(b, y));
            }
        }
    }

    private void sequences() {
        Map<String, Sequence> sa = Model.byName(a.snapshot.sequences());
        Map<String, Sequence> sb = Model.byName(b.snapshot.sequences());
        for (String name : names(sa, sb)) {
            Sequence x = sa.get(name);
            Sequence y = sb.get(name);
            if (x == null) {
                steps.addAll(Generators.sequence(b, y));
            } else if (y == null) {
                if (!a.identitySequences.contains(name)) {
                    // an owned sequence may already be gone with its column or table
                    steps.add(Step.of(Rank.DROP_LATE_SEQUENCE, "sequences " + name, "DROP SEQUENCE IF EXISTS " + name + ";"));
                }
            } else if (!x.equals(y)) {
                if (a.identitySequences.contains(name) != b.identitySequences.contains(name)) {
                    continue;
                }
                Sequence same = new Sequence(name, y.type(), y.start(), y.increment(), y.min(), y.max(), y.cache(), y.cycle(), x.ownedBy());
                if (!same.equals(x)) {
                    steps.add(Step.of(Rank.SEQUENCE, "sequences " + name, "ALTER SEQUENCE " + name + " " + Generators.sequenceOptions(y, true) + ";"));
                }
                if (!Objects.equals(x.ownedBy(), y.ownedBy()) && !b.identitySequences.contains(name)) {
                    steps.add(Step.of(Rank.SEQUENCE_OWNER, "sequences " + name, "ALTER SEQUENCE " + name + " OWNED BY "
                            + (y.ownedBy() == null ? "NONE" : y.ownedBy()) + ";"));
                }
            }
        }
    }

    private int depth(Model m, Table t) {
        int d = 0;
        for (Table p = t; p != null && (p.partitionOf() != null || p.inherits() != null) && d < 64; d++) {
            p = m.tables.get(p.partitionOf() != null ? p.partitionOf() : p.inherits().split(", ")[0]);
        }
        return d;
    }

    /** The statement dropping a table of the first database (a foreign table holds no data). */
    private static Step dropTable(Rank rank, Table x, boolean ifExists) {
        boolean foreign = x.kind().equals("foreign table");
        String sql = (foreign ? "DROP FOREIGN TABLE " : "DROP TABLE ") + (ifExists ? "IF EXISTS " : "") + x.name() + ";";
        return foreign ? Step.of(rank, "tables " + x.name(), sql, Hazard.ACCESS_EXCLUSIVE_LOCK)
                : Step.of(rank, "tables " + x.name(), sql, Hazard.DELETES_DATA, Hazard.ACCESS_EXCLUSIVE_LOCK);
    }

    /**
     * Tables and their columns; returns the tables with a changed column, and adds to
     * {@code changedColumns} the columns that change type or collation, are re-created or go away
     * (what a view or an SQL-standard function body reading them does not survive).
     */
    private Set<String> tablesAndColumns(Set<String> changedColumns) {
        Map<String, Table> ta = a.tables;
        Map<String, Table> tb = b.tables;
        List<Table> gone = new ArrayList<>();
        for (String name : names(ta, tb)) {
            Table x = ta.get(name);
            Table y = tb.get(name);
            if (x == null) {
                builtInB.add(name);
                steps.addAll(Generators.table(b, y));
            } else if (y == null) {
                droppedInA.add(name);
                gone.add(x);
            } else if (!x.equals(y) || !Objects.equals(a.details.foreignTables().get(name), b.details.foreignTables().get(name))) {
                if (!x.kind().equals(y.kind()) || !Objects.equals(x.partitionKey(), y.partitionKey())
                        || !Objects.equals(x.partitionOf(), y.partitionOf()) || !Objects.equals(x.partitionBound(), y.partitionBound())
                        || !Objects.equals(x.inherits(), y.inherits())
                        // a foreign table's server, options or column options: it holds no data, so it is simply made again
                        || !Objects.equals(a.details.foreignTables().get(name), b.details.foreignTables().get(name))) {
                    droppedInA.add(name);
                    builtInB.add(name);
                    steps.add(dropTable(Rank.DROP_TABLE_RECREATED, x, false));
                    steps.addAll(Generators.table(b, y));
                    continue;
                }
                if (!x.persistence().equals(y.persistence())) {
                    steps.add(Step.of(Rank.ALTER_TABLE, "tables " + name, "ALTER TABLE " + name + (y.persistence().equals("unlogged")
                            ? " SET UNLOGGED;" : " SET LOGGED;"), Hazard.REWRITES_TABLE, Hazard.ACCESS_EXCLUSIVE_LOCK));
                }
                steps.addAll(Generators.rowSecurity(y, x.rowSecurity()));
                if (!Objects.equals(x.options(), y.options())) {
                    Set<String> reset = new TreeSet<>();
                    if (x.options() != null) {
                        for (String o : x.options().split(", ")) {
                            reset.add(o.split("=")[0]);
                        }
                    }
                    if (y.options() != null) {
                        for (String o : y.options().split(", ")) {
                            reset.remove(o.split("=")[0]);
                        }
                        steps.add(Step.of(Rank.ALTER_TABLE, "tables " + name, "ALTER TABLE " + name + " SET (" + y.options() + ");",
                                Hazard.ACCESS_EXCLUSIVE_LOCK));
                    }
                    if (!reset.isEmpty()) {
                        steps.add(Step.of(Rank.ALTER_TABLE, "tables " + name, "ALTER TABLE " + name + " RESET (" + String.join(", ", reset) + ");",
                                Hazard.ACCESS_EXCLUSIVE_LOCK));
                    }
                }
            }
        }
        // children (partitions, inheritance children) before their parents
        gone.sort((p, q) -> depth(a, q) - depth(a, p));
        for (Table x : gone) {
            steps.add(dropTable(Rank.DROP_LATE_TABLE, x, true));
        }

        Set<String> changedColumnsOf = new TreeSet<>();
        Map<String, Column> ca = Model.byName(a.snapshot.columns());
        Map<String, Column> cb = Model.byName(b.snapshot.columns());
        for (String name : names(ca, cb)) {
            Column x = ca.get(name);
            Column y = cb.get(name);
            String table = QName.parent(name);
            if (!ta.containsKey(table) || !tb.containsKey(table) || droppedInA.contains(table) || a.isPartition(table) || b.isPartition(table)) {
                continue; // a view's column, or one created or dropped with its table, or inherited by a partition
            }
            String object = "columns " + name;
            String alter = "ALTER TABLE " + table + " ";
            if (x == null) {
                steps.add(addColumn(y));
            } else if (y == null) {
                changedColumnsOf.add(table);
                changedColumns.add(name);
                steps.add(Step.of(Rank.DROP_COLUMN, object, alter + "DROP COLUMN " + QName.last(name) + ";", Hazard.DELETES_DATA,
                        Hazard.ACCESS_EXCLUSIVE_LOCK));
            } else if (!new Column(name, y.position(), x.type(), x.notNull(), x.defaultValue(), x.identity(), x.generated(), x.collation())
                    .equals(y)) {
                changedColumnsOf.add(table);
                if (!x.type().equals(y.type()) || !Objects.equals(x.collation(), y.collation())
                        || !Objects.equals(x.generated(), y.generated())) {
                    changedColumns.add(name);
                }
                alterColumn(x, y, alter, object);
            }
        }
        return changedColumnsOf;
    }

    private Step addColumn(Column y) {
        String table = QName.parent(y.name());
        List<Hazard> hazards = new ArrayList<>(List.of(Hazard.ACCESS_EXCLUSIVE_LOCK));
        if (y.generated() != null || y.identity() != null) {
            hazards.add(Hazard.REWRITES_TABLE);
        }
        if (y.notNull()) {
            hazards.add(Hazard.SCANS_TABLE);
        }
        return Step.of(Rank.COLUMN, "columns " + y.name(), "ALTER TABLE " + table + " ADD COLUMN " + Generators.column(b, y) + ";",
                hazards.toArray(Hazard[]::new));
    }

    private void alterColumn(Column x, Column y, String alter, String object) {
        String c = QName.last(x.name());
        if (!Objects.equals(x.generated(), y.generated())) {
            // PostgreSQL 14 to 16 cannot change a generation expression in place
            steps.add(Step.of(Rank.COLUMN, object, alter + "DROP COLUMN " + c + ";", Hazard.DELETES_DATA, Hazard.ACCESS_EXCLUSIVE_LOCK));
            steps.add(addColumn(y));
            return;
        }
        if (x.identity() != null && y.identity() == null) {
            steps.add(Step.of(Rank.COLUMN, object, alter + "ALTER COLUMN " + c + " DROP IDENTITY;", Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        boolean retype = !x.type().equals(y.type()) || !Objects.equals(x.collation(), y.collation());
        boolean defaultDropped = false;
        if (retype && x.defaultValue() != null) {
            // the old default may not cast to the new type
            steps.add(Step.of(Rank.COLUMN, object, alter + "ALTER COLUMN " + c + " DROP DEFAULT;", Hazard.ACCESS_EXCLUSIVE_LOCK));
            defaultDropped = true;
        }
        if (retype) {
            steps.add(Step.of(Rank.COLUMN, object, alter + "ALTER COLUMN " + c + " TYPE " + y.type()
                    + (y.collation() == null ? "" : " COLLATE " + y.collation()) + " USING " + c + "::" + y.type() + ";",
                    Hazard.REWRITES_TABLE, Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        if (!Objects.equals(x.defaultValue(), y.defaultValue()) || defaultDropped) {
            if (y.defaultValue() != null) {
                steps.add(Step.of(Rank.COLUMN, object, alter + "ALTER COLUMN " + c + " SET DEFAULT " + y.defaultValue() + ";",
                        Hazard.ACCESS_EXCLUSIVE_LOCK));
            } else if (!defaultDropped) {
                steps.add(Step.of(Rank.COLUMN, object, alter + "ALTER COLUMN " + c + " DROP DEFAULT;", Hazard.ACCESS_EXCLUSIVE_LOCK));
            }
        }
        if (x.notNull() != y.notNull()) {
            steps.add(y.notNull()
                    ? Step.of(Rank.COLUMN, object, alter + "ALTER COLUMN " + c + " SET NOT NULL;", Hazard.SCANS_TABLE, Hazard.ACCESS_EXCLUSIVE_LOCK)
                    : Step.of(Rank.COLUMN, object, alter + "ALTER COLUMN " + c + " DROP NOT NULL;", Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
        if (y.identity() != null && x.identity() == null) {
            Sequence s = b.sequencesByOwner.get(y.name());
            steps.add(Step.of(Rank.COLUMN, object, alter + "ALTER COLUMN " + c + " ADD GENERATED " + y.identity().toUpperCase(java.util.Locale.ROOT)
                    + " AS IDENTITY" + (s == null ? "" : " (SEQUENCE NAME " + s.name() + " " + Generators.sequenceOptions(s, false) + ")") + ";",
                    Hazard.REWRITES_TABLE, Hazard.ACCESS_EXCLUSIVE_LOCK));
        } else if (y.identity() != null && !y.identity().equals(x.identity())) {
            steps.add(Step.of(Rank.COLUMN, object, alter + "ALTER COLUMN " + c + " SET GENERATED " + y.identity().toUpperCase(java.util.Locale.ROOT)
                    + ";", Hazard.ACCESS_EXCLUSIVE_LOCK));
        }
    }

    /** Names of schema-qualified objects a text mentions. */
    private static Set<String> mentions(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = CHAIN.matcher(text);
        while (m.find()) {
            List<String> parts = QName.parts(m.group());
            out.add(Names.qualify(parts.get(0), parts.get(1)));
        }
        return out;
    }

    /** The tables that take their columns from this one (partitions, inheritance children), at any depth. */
    private Set<String> descendants(Model m, String table) {
        Set<String> out = new TreeSet<>();
        List<String> work = new ArrayList<>(List.of(table));
        while (!work.isEmpty()) {
            String parent = work.remove(work.size() - 1);
            for (Table t : m.tables.values()) {
                boolean child = parent.equals(t.partitionOf()) || (t.inherits() != null && List.of(t.inherits().split(", ")).contains(parent));
                if (child && out.add(t.name())) {
                    work.add(t.name());
                }
            }
        }
        return out;
    }

    /**
     * Views and functions of the first database that do not survive the plan: changed or gone
     * views, and, transitively, the views and functions (SQL-standard bodies) that pg_depend says
     * read a changed or dropped column, a re-created or dropped relation, function or type, or one
     * of these; also the triggers, rules and policies reading them. Views and functions are dropped
     * first, in the reverse of the order that creates them, and created again (from the second
     * database) after what they read. Without recorded dependencies (details not read), a view is
     * re-created when its text names a table with a changed column or a re-created view.
     */
    private void dependents(Set<String> changedColumns, Set<String> changedColumnsOf) {
        Map<String, View> va = a.views;
        Map<String, View> vb = b.views;
        Map<String, Routine> fa = Model.byName(a.snapshot.functions());
        Map<String, Routine> fb = Model.byName(b.snapshot.functions());
        Set<String> rebuild = new TreeSet<>();
        for (View v : va.values()) {
            View y = vb.get(v.name());
            if (y == null || !y.equals(v)) {
                rebuild.add("views " + v.name());
            }
        }
        Map<String, Set<String>> depends = a.details.dependencies();
        if (depends.isEmpty()) {
            textDependents(rebuild, changedColumnsOf);
        } else {
            List<String> start = new ArrayList<>(rebuild);
            for (String c : changedColumns) {
                start.add("columns " + c);
                String table = QName.parent(c);
                for (String child : descendants(a, table)) {
                    start.add("columns " + child + "." + QName.last(c));
                }
            }
            for (String name : droppedInA) {
                for (String kind : List.of("tables ", "functions ", "types ", "domains ")) {
                    start.add(kind + name);
                }
            }
            for (String name : lateFunctionDrops.keySet()) {
                start.add("functions " + name);
            }
            Readers.Closure closure = new Readers(depends).of(start, reader -> {
                String name = reader.substring(reader.indexOf(' ') + 1);
                return (reader.startsWith("views ") && va.containsKey(name))
                        || (reader.startsWith("functions ") && fa.containsKey(name) && !droppedInA.contains(name));
            });
            rebuild.addAll(closure.rebuilt());
            forcedChildren.addAll(closure.children());
        }
        // the first database's order of creation, reversed, is an order of dropping
        List<Step> creating = new ArrayList<>();
        for (String ref : rebuild) {
            String name = ref.substring(ref.indexOf(' ') + 1);
            creating.add(ref.startsWith("views ") ? Generators.view(va.get(name)) : Generators.function(a, fa.get(name)));
        }
        List<Step> order = new ArrayList<>(Graph.order(creating, depends));
        Collections.reverse(order);
        for (Step step : order) {
            String name = step.object().substring(step.object().indexOf(' ') + 1);
            droppedInA.add(name);
            if (step.object().startsWith("views ")) {
                View x = va.get(name);
                steps.add(Step.of(Rank.DROP_DEPENDENT, step.object(), "DROP " + (x.kind().equals("view") ? "VIEW " : "MATERIALIZED VIEW ")
                        + name + ";", Hazard.ACCESS_EXCLUSIVE_LOCK));
                View y = vb.get(name);
                if (y != null) {
                    builtInB.add(name);
                    steps.add(Generators.view(y));
                }
            } else {
                steps.add(Step.of(Rank.DROP_DEPENDENT, step.object(), dropRoutine(fa.get(name))));
                lateFunctionDrops.remove(name);
                Routine y = fb.get(name);
                if (y != null) {
                    builtInB.add(name);
                    if (functionsCreated.add(name)) {
                        steps.add(Generators.function(b, y));
                    }
                }
            }
        }
        for (View y : vb.values()) {
            if (!va.containsKey(y.name())) {
                builtInB.add(y.name());
                steps.add(Generators.view(y));
            }
        }
    }

    /** Views to re-create judged by the names their texts mention (when pg_depend was not read). */
    private void textDependents(Set<String> rebuild, Set<String> changedColumnsOf) {
        List<Step> creating = new ArrayList<>();
        a.views.values().forEach(v -> creating.add(Generators.view(v)));
        Set<String> touched = new HashSet<>(changedColumnsOf);
        touched.addAll(droppedInA);
        for (Step step : Graph.order(creating)) {
            String name = step.provides();
            Set<String> reads = mentions(a.views.get(name).definition());
            if (reads.stream().anyMatch(r -> touched.contains(r) || rebuild.contains("views " + r))) {
                rebuild.add("views " + name);
            }
        }
    }

    /** What a comment is on: the relation, function, type or index itself, or the table of a column, constraint or trigger. */
    private static String commentParent(String name) {
        String kind = QName.commentKind(name);
        String target = name.substring(kind.length() + 1);
        return switch (kind) {
            case "column", "constraint", "trigger", "rule", "policy" -> QName.parent(target);
            default -> target;
        };
    }

    private boolean existsInB(String name) {
        String kind = QName.commentKind(name);
        String target = name.substring(kind.length() + 1);
        Snapshot s = b.snapshot;
        return switch (kind) {
            case "column" -> s.columns().stream().anyMatch(c -> c.name().equals(target));
            case "constraint" -> s.constraints().stream().anyMatch(c -> c.name().equals(target));
            case "trigger" -> s.triggers().stream().anyMatch(c -> c.name().equals(target));
            case "function" -> s.functions().stream().anyMatch(c -> c.name().equals(target));
            case "schema" -> s.schemas().stream().anyMatch(c -> c.name().equals(target));
            case "type" -> s.types().stream().anyMatch(c -> c.name().equals(target)) || s.domains().stream().anyMatch(c -> c.name().equals(target));
            case "index" -> s.indexes().stream().anyMatch(c -> c.name().equals(target));
            case "sequence" -> s.sequences().stream().anyMatch(c -> c.name().equals(target));
            default -> b.tables.containsKey(target) || b.views.containsKey(target);
        };
    }

    private void comments() {
        Map<String, Comment> ma = Model.byName(a.snapshot.comments());
        Map<String, Comment> mb = Model.byName(b.snapshot.comments());
        for (String name : names(ma, mb)) {
            Comment x = ma.get(name);
            Comment y = mb.get(name);
            String target = name.substring(name.indexOf(' ') + 1);
            boolean built = builtInB.contains(commentParent(name)) || builtInB.contains(target);
            boolean dropped = droppedInA.contains(commentParent(name));
            if (y != null && (x == null || !x.equals(y) || built || dropped)) {
                steps.add(Generators.comment(y));
            } else if (y == null && !dropped && !built && existsInB(name)) {
                steps.add(Generators.comment(name, null));
            }
        }
    }
}
