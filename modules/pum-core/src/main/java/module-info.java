/**
 * Shared foundation of pum: how a database is named and reached (pg_service.conf, URIs, conninfo,
 * PG* variables, ~/.pgpass), the YAML configuration file, and the error type every module's
 * exceptions extend so the CLI can map them to documented exit codes.
 */
module pum.core {
    // java.sql.Connection appears in our API (Database.connect).
    requires transitive java.sql;
    // the JDBC driver is loaded explicitly, so no ServiceLoader scan is needed at start-up.
    requires org.postgresql.jdbc;
    // the YAML config file is read with Jackson.
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    // debug logging of how connections were resolved.
    requires org.slf4j;
    // the driver logs through java.util.logging: its records are routed to slf4j (DriverLog).
    requires java.logging;

    exports pum.core;
    // Jackson binds the config file onto this record by reflection.
    opens pum.core.internal to com.fasterxml.jackson.databind;
}
