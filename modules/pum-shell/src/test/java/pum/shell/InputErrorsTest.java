package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration and input mistakes as a user meets them on the command line: the documented exit
 * code, the file, line and key, no Java class names, and nothing tried before the mistake is found.
 */
class InputErrorsTest {
    /** Nothing listens there: a command that got as far as connecting would exit 4. */
    private static final String UNREACHABLE = "host=127.0.0.1 port=1";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static void noJava(PumRun r) {
        for (String java : new String[] {"java.", "JsonToken", "Exception", "`"}) {
            assertFalse(r.err().contains(java), r.toString());
        }
    }

    @Test
    void badDurationInTheConfigIsAConfigErrorBeforeConnecting() throws Exception {
        Path cfg = file("pum.yaml", "upgrades_table: pum_sys.upgrades\nlock_timeout: ten seconds\n");
        Files.createDirectories(dir.resolve("delta"));
        PumRun r = PumRun.pum("-c", cfg.toString(), "upgrade", "-p", UNREACHABLE, "-d", dir.resolve("delta").toString());
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("lock_timeout \"ten seconds\" in config file " + cfg + ", line 2 is not a duration"), r.toString());
    }

    @Test
    void duplicateKeyIsAConfigError() throws Exception {
        Path cfg = file("pum.yaml", "upgrades_table: a.b\ndelta_dir: d\nupgrades_table: c.d\n");
        PumRun r = PumRun.pum("-c", cfg.toString(), "ping", "-p", UNREACHABLE);
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("duplicate key \"upgrades_table\" in config file " + cfg + ", line 3"), r.toString());
        noJava(r);
    }

    @Test
    void wrongTypeNamesFileLineAndKey() throws Exception {
        Path cfg = file("pum.yaml", "delta_dir: d\nbackup_file:\n  path: x\n");
        PumRun r = PumRun.pum("-c", cfg.toString(), "ping", "-p", UNREACHABLE);
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("key \"backup_file\" in config file " + cfg + ", line 2: expected a text, found a mapping"), r.toString());
        noJava(r);
    }

    @Test
    void nonUtf8ConfigNamesTheByte() throws Exception {
        Path cfg = dir.resolve("pum.yaml");
        Files.write(cfg, "upgrades_table: donn\u00e9es.upgrades\n".getBytes(StandardCharsets.ISO_8859_1));
        PumRun r = PumRun.pum("-c", cfg.toString(), "ping", "-p", UNREACHABLE);
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("is not UTF-8: byte 0xE9 at line 1, column 21"), r.toString());
        noJava(r);
    }

    @Test
    void emptyDumpFileIsAUsageError() throws Exception {
        Path dump = file("empty.dump", "");
        PumRun r = PumRun.pum("restore", "-p", UNREACHABLE, "--yes", dump.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("dump file " + dump + " is empty"), r.toString());
    }

    @Test
    void malformedConnectionValuesAreUsageErrors() {
        for (String spec : new String[] {"host=127.0.0.1 sslmode=requir", "host=127.0.0.1 connect_timeout=soon", "host=127.0.0.1 port=5432x",
                "postgresql://127.0.0.1:99999/db", "host=127.0.0.1 foo=bar", "host=127.0.0.1 Port=5432"}) {
            PumRun r = PumRun.pum("ping", "-p", spec);
            assertEquals(2, r.exit(), r.toString());
            noJava(r);
        }
    }

    @Test
    void noDatabaseAndNoPgServiceIsAUsageError() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("PGSERVICE") == null, "PGSERVICE is set here");
        PumRun r = PumRun.pum("ping");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("missing required option -p"), r.toString());
    }
}
