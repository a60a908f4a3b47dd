package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pum.shell.UpgradeCliSupport.pum;
import static pum.shell.UpgradeCliSupport.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** Delta directories holding the names QWAT and QGEP ship, run as their setup scripts run them. */
@ExtendWith(PostgresExtension.class)
class DeltaNamesCliTest {
    @TempDir
    Path tmp;

    private Path qwatAndQgepNames() throws IOException {
        Path d = tmp.resolve("delta");
        write(d, "delta_1.1.0_first.sql", "CREATE TABLE first(i int);\n");
        write(d, "delta_1.1.1_26012017.sql.post", "SELECT nonsense;\n");
        write(d, "delta_1.2.6_fix_audited_tables_and_views.sql.post", "SELECT nonsense;\n");
        write(d, "__init__.py", "");
        write(d, "delta_1.5.7_reorganize_file.data_media.sql", "SELECT nonsense;\n");
        write(d, "delta_1.6.1_add_ii_to_swmm_outfalls", "SELECT nonsense;\n");
        write(d, "delta_1.6.2_last.sql", "CREATE TABLE last(i int);\n");
        return d;
    }

    @Test
    void namesPumSkippedAreListedByInfoWarnedAboutOnceAndTheUpgradeGoesOn(TestDatabase db) throws IOException {
        Path d = qwatAndQgepNames();
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "-b", "1.0.0").exit());

        PumRun info = pum("info", "-p", db.uri(), "-t", "s.up", "-d", d.toString());
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().matches("(?s).*delta_1\\.1\\.1_26012017\\.sql\\.post +not a delta\n.*"), info.out());
        assertTrue(info.out().contains(d.resolve("delta_1.1.1_26012017.sql.post") + ": the name ends in \".sql.post\""), info.out());
        assertTrue(info.out().contains(d.resolve("delta_1.6.1_add_ii_to_swmm_outfalls") + ": the name has no extension"), info.out());
        assertTrue(info.out().contains(d.resolve("delta_1.5.7_reorganize_file.data_media.sql") + ": the name part"), info.out());
        assertTrue(info.out().contains(d.resolve("__init__.py") + ": a Python file"), info.out());
        assertFalse(info.all().contains(".sql.pre"), info.all());

        PumRun up = pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString());
        assertEquals(0, up.exit(), up.toString());
        assertEquals(1, up.err().split("pum: warning: ", -1).length - 1, "one warning per run: " + up.err());
        assertTrue(up.err().contains("5 files in the delta directories are not deltas and are skipped"), up.err());
        for (String f : new String[] {"delta_1.1.1_26012017.sql.post", "delta_1.2.6_fix_audited_tables_and_views.sql.post", "__init__.py",
                "delta_1.5.7_reorganize_file.data_media.sql", "delta_1.6.1_add_ii_to_swmm_outfalls"}) {
            assertTrue(up.err().contains(d.resolve(f).toString()), up.err());
        }
        assertTrue(up.out().contains("2 delta files applied"), up.out());
    }

    @Test
    void strictNamesFromTheConfigOrTheOptionMakesThemErrors(TestDatabase db) throws IOException {
        Path d = qwatAndQgepNames();
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        PumRun opt = pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "--strict-names");
        assertEquals(3, opt.exit(), opt.toString());
        assertTrue(opt.err().contains("5 misnamed delta files"), opt.err());
        assertTrue(opt.err().contains("nothing was applied"), opt.err());

        Path config = tmp.resolve("pum.yaml");
        Files.writeString(config, "upgrades_table: s.up\ndelta_dir: " + d + "\nstrict_names: true\n");
        PumRun cfg = pum("-c", config.toString(), "info", "-p", db.uri());
        assertEquals(3, cfg.exit(), cfg.toString());
        assertTrue(cfg.err().contains(d.resolve("delta_1.1.1_26012017.sql.post") + ": the name ends in \".sql.post\""), cfg.err());

        PumRun ignored = pum("-c", config.toString(), "upgrade", "-p", db.uri(), "--ignore-file", "*.post", "--ignore-file", "__init__.py",
                "--ignore", "delta_1.5.7_*", "--ignore-file", "delta_1.6.1_add_ii_to_swmm_outfalls");
        assertEquals(0, ignored.exit(), ignored.toString());
        assertFalse(ignored.err().contains("warning"), ignored.err());
    }

    @Test
    void aNamePumRanThatPumReadsDifferentlyStopsTheUpgrade(TestDatabase db) throws IOException {
        Path d = tmp.resolve("delta");
        write(d, "delta_01.1.0_x.sql", "CREATE TABLE x(i int);\n");
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        PumRun up = pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString());
        assertEquals(3, up.exit(), up.toString());
        assertTrue(up.err().contains("\"01\" has a leading zero (write 1.1.0)"), up.err());
    }

    @Test
    void withSeveralDirectoriesInfoSaysWhichPreAllIsWhich(TestDatabase db) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        write(a, "pre-all.sql", "SELECT 1;\n");
        write(b, "pre-all.sql", "SELECT 1;\n");
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        PumRun info = pum("info", "-p", db.uri(), "-t", "s.up", "-d", a.toString(), b.toString());
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().contains(a.resolve("pre-all.sql").toString()) && info.out().contains(b.resolve("pre-all.sql").toString()), info.out());
    }

    @Test
    void optionsAsPumTakesThemAndErrorsWherePumGuessed(TestDatabase db) throws IOException {
        Path d = tmp.resolve("delta");
        write(d, "delta_1.1.0_x.sql", "CREATE TABLE x(i int);\n");
        assertEquals(0, pum("baseline", "-p", db.uri(), "-t", "s.up", "-b", "1.0.0").exit());
        PumRun unknown = pum("info", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "--nonsense");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("unknown option '--nonsense'"), unknown.err());
        PumRun twice = pum("info", "-p", db.uri(), "-p", "other", "-t", "s.up", "-d", d.toString());
        assertEquals(2, twice.exit(), twice.toString());
        assertTrue(twice.err().contains("option -p given twice"), twice.err());
        PumRun vv = pum("upgrade", "-p", db.uri(), "-t", "s.up", "-d", d.toString(), "-vv");
        assertEquals(0, vv.exit(), vv.toString());
        assertTrue(vv.out().contains("delta_1.1.0_x.sql"), vv.out());
    }
}
