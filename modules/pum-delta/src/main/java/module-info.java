/** Delta files, the upgrades table, baseline, info and upgrade. */
module pum.delta {
    // ConnectionInfo and PumException appear in this module's API.
    requires transitive pum.core;
    // Java deltas receive a jOOQ DSLContext.
    requires transitive org.jooq;

    exports pum.delta;
}
