package pum.shell;

import static pum.shell.PumRun.pum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/** Connecting as a user would, through the CLI entry point, including the failures. */
@ExtendWith(PostgresExtension.class)
class PingCommandTest {


    @Test
    void pingPrintsServerVersionAndDatabase(TestDatabase db, TestServer server) {
        PumRun r = pum("ping", "-p", db.uri());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("database " + db.name()), r.out());
        assertTrue(r.out().contains("PostgreSQL " + server.major() + "."), r.out());
    }

    @Test
    void conninfoStringWorksToo(TestDatabase db) {
        PumRun r = pum("ping", "-p", "host=" + db.info().host() + " port=" + db.info().port() + " dbname=" + db.name() + " user=" + db.info().user());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void missingDatabaseIsNamed(TestDatabase db) {
        PumRun r = pum("ping", "-p", db.uri() + "_nope");
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("database \"" + db.name() + "_nope\" does not exist"), r.err());
    }

    @Test
    void wrongPasswordIsOneLineWithoutStackTrace(TestDatabase db, TestServer server) throws Exception {
        assumeTrue(server.embedded() != null, "needs a server whose pg_hba.conf the test may edit");
        Path hba = server.embedded().dataDir().resolve("pg_hba.conf");
        String original = Files.readString(hba);
        db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pw_user') THEN "
                + "CREATE ROLE pw_user LOGIN PASSWORD 'right'; END IF; END $$");
        Files.writeString(hba, "host all pw_user 127.0.0.1/32 scram-sha-256\n" + original);
        db.execute("SELECT pg_reload_conf()");
        try {
            String base = "postgresql://pw_user:%s@" + db.info().host() + ":" + db.info().port() + "/" + db.name();
            PumRun wrong = pum("ping", "-p", String.format(base, "wrong"));
            assertEquals(4, wrong.exit());
            assertTrue(wrong.err().startsWith("pum: error: authentication failed for postgresql://pw_user:***@"), wrong.err());
            assertFalse(wrong.err().contains("wrong"), "the password is never printed: " + wrong.err());
            assertFalse(wrong.err().contains("\tat "), wrong.err());
            assertEquals(0, pum("ping", "-p", String.format(base, "right")).exit());
        } finally {
            Files.writeString(hba, original);
            db.execute("SELECT pg_reload_conf()");
        }
    }

    @Test
    void unknownServiceNamesTheService() {
        PumRun r = pum("ping", "-p", "no_such_service_anywhere");
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("service \"no_such_service_anywhere\" not found"), r.err());
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        PumRun r = pum("ping");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing required option -p"), r.err());
    }

    @Test
    void badConfigFileStopsBeforeConnecting(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("pum.yaml");
        Files.writeString(cfg, "upgrades_table: a.b\nbogus_key: 1\n");
        PumRun r = pum("-c", cfg.toString(), "ping", "-p", "postgresql://127.0.0.1:1/x");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("unknown key \"bogus_key\"") && r.err().contains("line 2"), r.err());
    }
}
