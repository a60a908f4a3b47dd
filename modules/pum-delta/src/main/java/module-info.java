/** Delta files, the upgrades table, baseline, info and upgrade. */
module pum.delta {
    // ConnectionInfo and PumException appear in this module's API.
    requires transitive pum.core;
    // Java deltas receive a jOOQ DSLContext.
    requires transitive org.jooq;
    // SQLSTATE, position and detail of server errors, to name file:line:column.
    requires org.postgresql.jdbc;
    // Java deltas are compiled in-process (the compiler itself, jdk.compiler, is bound as a service).
    requires java.compiler;

    exports pum.delta;
}
