/**
 * A real PostgreSQL server of pum's own: initdb, start and stop with binaries bundled in the
 * runtime image, extracted from an archive, or installed on the machine. Used by
 * {@code -p embedded}, by throwaway rehearsal databases and by the test fixture.
 */
module pum.embedded {
    // ConnectionInfo and PumException appear in this module's API.
    requires transitive pum.core;

    exports pum.embedded;
}
