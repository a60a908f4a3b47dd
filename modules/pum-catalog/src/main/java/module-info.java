/** Typed, immutable snapshots of a database's schema, read from pg_catalog with jOOQ. */
module pum.catalog {
    // ConnectionInfo and PumException appear in this module's API.
    requires transitive pum.core;
    // catalog queries are typed jOOQ queries.
    requires org.jooq;

    exports pum.catalog;
}
