package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pum.shell.UpgradeCliSupport.pum;
import static pum.shell.UpgradeCliSupport.write;

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
class InfoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void showsEveryStateWithCurrentVersionOnTop(TestDatabase db) throws IOException {
        Path d = tmp.resolve("delta");
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.1.0_b.sql", "CREATE TABLE b(i int);\n");
        write(d, "delta_1.2.0_c.sql", "CREATE TABLE c(i int);\n");
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        assertEquals(0, pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "-u", "1.1.0").exit());
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i bigint);\n");
        Files.delete(d.resolve("delta_1.1.0_b.sql"));

        PumRun r = pum("info", "-p", db.uri(), "-t", "s.up", "-d", d.toString());

        assertEquals(0, r.exit(), r.all());
        String[] lines = r.out().split("\n");
        assertEquals("current version: 1.1.0 (s.up)", lines[0]);
        assertTrue(r.out().matches("(?s).*1\\.0\\.0 +delta sql +delta_1\\.0\\.0_a\\.sql +changed +\\d{4}-.*"), r.out());
        assertTrue(r.out().matches("(?s).*1\\.1\\.0 +delta sql +delta_1\\.1\\.0_b\\.sql +missing .*"), r.out());
        assertTrue(r.out().matches("(?s).*1\\.2\\.0 +delta sql +delta_1\\.2\\.0_c\\.sql +pending\n.*"), r.out());
        assertTrue(r.out().contains("baseline"), r.out());
    }

    @Test
    void jsonForScripts(TestDatabase db) throws IOException {
        Path d = tmp.resolve("delta");
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int);\n");
        Path config = tmp.resolve("pum.yaml");
        Files.writeString(config, "upgrades_table: s.up\ndelta_dir: " + d + "\n");
        assertEquals(0, pum("-c", config.toString(), "baseline", "-p", db.uri(), "-b", "0.1.0").exit());
        PumRun r = pum("-c", config.toString(), "info", "-p", db.uri(), "--json");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("{\"upgrades_table\": \"s.up\", \"current_version\": \"0.1.0\""), r.out());
        assertTrue(r.out().contains("\"version\": \"1.0.0\", \"kind\": \"delta sql\""), r.out());
        assertTrue(r.out().contains("\"state\": \"pending\""), r.out());
    }

    @Test
    void withoutBaselineSaysWhatToDo(TestDatabase db) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("delta"));
        PumRun r = pum("info", "-p", db.uri(), "-t", "s.up", "-d", d.toString());
        assertEquals(5, r.exit());
        assertTrue(r.err().contains("the upgrades table s.up does not exist"), r.err());
        assertTrue(r.err().contains("pum baseline"), r.err());
    }
}
