/** pg_dump and pg_restore behind typed options. */
module pum.backup {
    // ConnectionInfo and PumException appear in this module's API.
    requires transitive pum.core;

    exports pum.backup;
}
