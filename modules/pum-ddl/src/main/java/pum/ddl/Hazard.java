package pum.ddl;

/** What running a statement may do besides changing the schema. */
public enum Hazard {
    /** Data is lost: a dropped table, column or type, a column re-created. */
    DELETES_DATA("data is deleted"),
    /** The whole table is rewritten (a column type change, SET LOGGED, a stored generated column). */
    REWRITES_TABLE("rewrites the whole table"),
    /** Takes an ACCESS EXCLUSIVE lock: even reads of the table wait until the transaction ends. */
    ACCESS_EXCLUSIVE_LOCK("takes an ACCESS EXCLUSIVE lock (reads and writes wait)"),
    /** Builds an index: a SHARE lock, writes wait for the whole build (CONCURRENTLY avoids it, outside a transaction). */
    BUILDS_INDEX("builds an index (writes wait for the build)"),
    /** Reads the whole table to validate (SET NOT NULL, a validated constraint). */
    SCANS_TABLE("scans the whole table to validate"),
    /** Cannot run inside a transaction block. */
    NOT_IN_TRANSACTION("cannot run inside a transaction"),
    /** pum cannot generate it exactly: the statement is a comment asking for a manual step. */
    MANUAL("needs a manual step");

    private final String description;

    Hazard(String description) {
        this.description = description;
    }

    /** A short sentence for script comments. */
    public String description() {
        return description;
    }
}
