package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pum.shell.UpgradeCliSupport.pum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.shell.PumRun;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

@ExtendWith(PostgresExtension.class)
class BaselineCommandTest {
    @TempDir
    Path tmp;

    @Test
    void createsSchemaAndTableAndRecordsTheVersion(TestDatabase db) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("delta"));
        PumRun r = pum("baseline", "-p", db.uri(), "-t", "qwat_sys.upgrades", "-d", d.toString(), "-b", "1.0.0");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("baseline 1.0.0 recorded in qwat_sys.upgrades"), r.out());
        assertEquals("1.0.0", db.queryValue("SELECT version FROM qwat_sys.upgrades WHERE type = 0"));
    }

    @Test
    void refusesASecondBaselineSayingWhatIsThere(TestDatabase db) {
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        PumRun r = pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "2.0.0");
        assertEquals(5, r.exit());
        assertTrue(r.err().contains("s.up already holds 1 row (current version 1.0.0, last: baseline 1.0.0 by "), r.err());
    }

    @Test
    void refusesVersionsNotOfTheFormXyz(TestDatabase db) {
        PumRun r = pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("expected X.Y.Z"), r.err());
        assertEquals("f", db.queryValue("SELECT to_regclass('s.up') IS NOT NULL"));
    }

    @Test
    void tableNamesCannotInjectSql(TestDatabase db) {
        PumRun r = pum("baseline", "-p", db.uri(), "-t", "s.up; DROP DATABASE x", "-b", "1.0.0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("invalid upgrades table name"), r.err());
    }
}
