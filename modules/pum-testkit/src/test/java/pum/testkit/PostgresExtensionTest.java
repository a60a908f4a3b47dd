package pum.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

    @Test
    void eachParameterIsAFreshDatabaseOnTheConfiguredMajor(TestDatabase a, TestDatabase b, TestServer server) {
        assertNotEquals(a.name(), b.name());
        a.execute("CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
        assertEquals("1", a.queryValue("SELECT count(*) FROM t"));
        assertEquals("0", b.queryValue("SELECT count(*) FROM pg_tables WHERE tablename = 't'"));
        String version = a.queryValue("SHOW server_version_num");
        assertEquals(server.major(), Integer.parseInt(version) / 10000);
        if (System.getenv("PUM_TEST_DATABASE_URL") == null) {
            assertEquals(Integer.getInteger("pum.test.pg.major", 17), server.major());
        }
    }
}
