/** pg_dump and pg_restore behind typed options. */
module pum.backup {
    // ConnectionInfo and PumException appear in this module's API; java.sql comes with it and is
    // used to ask the server for its version and whether a database is empty.
    requires transitive pum.core;

    exports pum.backup;
}
