/**
 * The test fixture of every pum module: one real PostgreSQL server per test JVM and a fresh
 * database per test, or an external server when PUM_TEST_DATABASE_URL is set.
 */
module pum.testkit {
    // the fixture hands out ConnectionInfo and starts EmbeddedServer.
    requires transitive pum.embedded;
    // it is a JUnit extension.
    requires transitive org.junit.jupiter.api;

    exports pum.testkit;
}
