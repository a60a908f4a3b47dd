package pum.catalog;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable picture of a database's schema, as {@link Catalog#read} found it. Every list is
 * sorted by name and holds no OIDs, owners or physical details, so the same DDL run in two
 * databases (in any order, on PostgreSQL 14 to 17) gives equal snapshots.
 *
 * @param schemas     schemas
 * @param tables      tables, partitioned tables and foreign tables
 * @param columns     columns of tables, views and materialized views
 * @param constraints table constraints
 * @param views       views and materialized views
 * @param sequences   sequences
 * @param indexes     indexes
 * @param triggers    triggers
 * @param functions   functions, procedures, aggregates and window functions
 * @param rules       rules
 * @param types       enum and composite types
 * @param domains     domains
 * @param extensions  extensions
 * @param policies    row-level security policies
 * @param comments    comments
 */
public record Snapshot(List<Schema> schemas, List<Table> tables, List<Column> columns, List<Constraint> constraints,
                       List<View> views, List<Sequence> sequences, List<Index> indexes, List<Trigger> triggers,
                       List<Routine> functions, List<Rule> rules, List<UserType> types, List<Domain> domains,
                       List<Extension> extensions, List<Policy> policies, List<Comment> comments) {

    /** Sorts and copies every list. */
    public Snapshot {
        schemas = sorted(schemas);
        tables = sorted(tables);
        columns = sorted(columns);
        constraints = sorted(constraints);
        views = sorted(views);
        sequences = sorted(sequences);
        indexes = sorted(indexes);
        triggers = sorted(triggers);
        functions = sorted(functions);
        rules = sorted(rules);
        types = sorted(types);
        domains = sorted(domains);
        extensions = sorted(extensions);
        policies = sorted(policies);
        comments = sorted(comments);
    }

    /** The objects of one kind, sorted by name. */
    public List<? extends CatalogObject> objects(ObjectKind kind) {
        return switch (kind) {
            case SCHEMAS -> schemas;
            case TABLES -> tables;
            case COLUMNS -> columns;
            case CONSTRAINTS -> constraints;
            case VIEWS -> views;
            case SEQUENCES -> sequences;
            case INDEXES -> indexes;
            case TRIGGERS -> triggers;
            case FUNCTIONS -> functions;
            case RULES -> rules;
            case TYPES -> types;
            case DOMAINS -> domains;
            case EXTENSIONS -> extensions;
            case POLICIES -> policies;
            case COMMENTS -> comments;
        };
    }

    /** How many objects of all kinds the snapshot holds. */
    public int size() {
        int n = 0;
        for (ObjectKind k : ObjectKind.values()) {
            n += objects(k).size();
        }
        return n;
    }

    /**
     * A sorted, unmodifiable copy. Names are compared as Java strings ({@link String#compareTo}),
     * not with a database collation, so the order never depends on the servers' locales. Each
     * name is read once, and rows that arrive in name order already cost one pass of comparisons.
     * The sort is stable.
     */
    @SuppressWarnings("unchecked")
    private static <T extends CatalogObject> List<T> sorted(List<T> in) {
        Object[] objects = in.toArray();
        int n = objects.length;
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = ((CatalogObject) objects[i]).name();
        }
        int i = 1;
        while (i < n && names[i - 1].compareTo(names[i]) <= 0) {
            i++;
        }
        if (i < n) {
            Named[] named = new Named[n];
            for (int k = 0; k < n; k++) {
                named[k] = new Named(names[k], objects[k]);
            }
            Arrays.sort(named);
            for (int k = 0; k < n; k++) {
                objects[k] = named[k].object;
            }
        }
        return (List<T>) (List<?>) List.of(objects);
    }

    /** An object with its name, ordered by the name alone. */
    private record Named(String name, Object object) implements Comparable<Named> {
        @Override
        public int compareTo(Named o) {
            return name.compareTo(o.name);
        }
    }
}
