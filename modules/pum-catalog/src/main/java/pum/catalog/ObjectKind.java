package pum.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of schema objects a snapshot holds. The first nine are PUM's element kinds (the
 * values of {@code pum check -i}); the others are pum's additions and can be ignored the same way.
 */
public enum ObjectKind {
    /** Tables, partitioned tables and foreign tables. */
    TABLES,
    /** Columns of tables, views and materialized views. */
    COLUMNS,
    /** Table constraints: primary key, foreign key, unique, check, exclusion, constraint triggers. */
    CONSTRAINTS,
    /** Views and materialized views. */
    VIEWS,
    /** Sequences. */
    SEQUENCES,
    /** Indexes, including those behind primary key and unique constraints. */
    INDEXES,
    /** Triggers (not the internal ones behind foreign keys). */
    TRIGGERS,
    /** Functions, procedures, aggregates and window functions. */
    FUNCTIONS,
    /** Rules (not the ones that implement views). */
    RULES,
    /** Schemas (pum addition). */
    SCHEMAS,
    /** Enum and composite types (pum addition). */
    TYPES,
    /** Domains (pum addition). */
    DOMAINS,
    /** Extensions and their versions (pum addition). */
    EXTENSIONS,
    /** Row-level security policies (pum addition). */
    POLICIES,
    /** Comments on schemas, relations, columns, functions, types, constraints and triggers (pum addition). */
    COMMENTS;

    /** The name used on the command line, in config files and in reports: {@code tables}, {@code columns}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind for a command-line label, if there is one. */
    public static Optional<ObjectKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
