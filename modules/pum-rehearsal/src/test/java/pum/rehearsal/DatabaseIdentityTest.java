package pum.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pum.core.ConnectionInfo;
import pum.core.Database;
import pum.core.ErrorCode;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** What servers say about who they are, on a real PostgreSQL (the suite's default major). */
@ExtendWith(PostgresExtension.class)
class DatabaseIdentityTest {

    @Test
    void theSameDatabaseByAnyRouteIsTheSame(TestDatabase a, TestDatabase b) {
        DatabaseIdentity one = DatabaseIdentity.of(a.info());
        DatabaseIdentity again = DatabaseIdentity.of(new ConnectionInfo("localhost", a.info().port(), a.name(), a.info().user(),
                null, Map.of(), "localhost"));
        DatabaseIdentity other = DatabaseIdentity.of(b.info());
        assertNotNull(one.systemIdentifier());
        assertTrue(one.sameDatabase(again));
        assertTrue(one.sameCluster(other));
        assertFalse(one.sameDatabase(other));
        assertEquals(a.name(), one.databaseName());
    }

    @Test
    void aDatabaseNotYetCreatedHasNoOidButItsName(TestDatabase a) throws Exception {
        try (Connection m = Database.connect(a.info().withDatabase("postgres"))) {
            DatabaseIdentity missing = DatabaseIdentity.of(m, "not_there_yet");
            assertEquals(0, missing.databaseOid());
            assertFalse(missing.sameDatabase(DatabaseIdentity.of(a.info())));
            assertTrue(DatabaseIdentity.of(m, a.name()).sameDatabase(DatabaseIdentity.of(a.info())));
        }
    }

    @Test
    void aRoleThatMayReadNeitherIdentityIsRefused(TestDatabase a, TestDatabase b) {
        String role = "plain_" + a.name();
        a.execute("CREATE ROLE " + role + " LOGIN; REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC");
        try {
            ConnectionInfo plain = new ConnectionInfo(a.info().host(), a.info().port(), a.name(), role, null, Map.of(), "plain");
            DatabaseIdentity blind = DatabaseIdentity.of(plain);
            assertNull(blind.systemIdentifier());
            assertNull(blind.dataDirectory());
            RehearsalException e = assertThrows(RehearsalException.class, () -> blind.sameDatabase(DatabaseIdentity.of(b.info())));
            assertEquals(ErrorCode.USAGE, e.code());
            assertTrue(e.getMessage().contains("cannot prove"), e.getMessage());
            assertTrue(e.hint().contains("pg_control_system") && e.hint().contains("pg_read_all_settings"), e.hint());
        } finally {
            a.execute("GRANT EXECUTE ON FUNCTION pg_control_system() TO PUBLIC; DROP ROLE " + role);
        }
    }
}
