package pum.ddl.internal;

/**
 * The phases of a plan, in order. Within the creating phases, a statement also waits for every
 * statement providing a name it mentions (the dependency graph); ranks only break ties, so that
 * for example functions come before the tables whose defaults call them.
 */
enum Rank {
    // views and functions that do not survive a change go after the triggers, policies, rules,
    // constraints and indexes that read them, in an order of their own (see Fixer)
    DROP_TRIGGER, DROP_POLICY, DROP_RULE, DROP_FOREIGN_KEY, DROP_CONSTRAINT, DROP_INDEX, DROP_DEPENDENT, DROP_FUNCTION,
    DROP_TABLE_RECREATED, DROP_TYPE_RECREATED,
    SCHEMA, EXTENSION, WRAPPER, SERVER, TYPE, DOMAIN, FUNCTION, SEQUENCE, TABLE, ALTER_TABLE, COLUMN, SEQUENCE_OWNER,
    CONSTRAINT, INDEX, FOREIGN_KEY, VIEW, TRIGGER, RULE, ROW_SECURITY, POLICY, COMMENT,
    DROP_COLUMN, DROP_LATE_TABLE, DROP_LATE_SEQUENCE, DROP_LATE_FUNCTION, DROP_LATE_DOMAIN, DROP_LATE_TYPE,
    DROP_LATE_SERVER, DROP_LATE_WRAPPER, DROP_LATE_EXTENSION, DROP_LATE_SCHEMA;

    boolean dropsEarly() {
        return compareTo(SCHEMA) < 0;
    }

    boolean dropsLate() {
        return compareTo(DROP_COLUMN) >= 0;
    }
}
