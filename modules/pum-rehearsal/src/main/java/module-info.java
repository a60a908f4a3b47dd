/**
 * The rehearsal of an upgrade: dump production, restore it into a test or throwaway database,
 * upgrade that, compare it with the comparison database, and only then, after confirmation,
 * upgrade production. Databases are told apart by what their servers say, never by how they
 * were named.
 */
module pum.rehearsal {
    // ConnectionInfo, PumException, UpgradesTable, DeltaSet, UpgradeOptions, CatalogOptions,
    // DiffOptions, DiffResult, Backup and PostgresBinaries appear in this module's API.
    requires transitive pum.core;
    requires transitive pum.delta;
    requires transitive pum.diff;
    requires transitive pum.backup;
    requires transitive pum.embedded;

    exports pum.rehearsal;
}
