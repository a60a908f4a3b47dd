package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/**
 * What Python deltas written for PUM 0.10 ask of it: a version object comparable with
 * pkg_resources.parse_version (QWAT's pre-all.py), an installed "pum" distribution of version
 * 0.10.0 (QGEP's pre-all.py), delta_dirs and variables. Needs a python3 with psycopg2 and
 * pkg_resources (Debian's python3-psycopg2 and python3-pkg-resources, as .ci/run installs).
 */
@ExtendWith(PostgresExtension.class)
class PythonDeltaApiTest {
    private static final UpgradesTable TABLE = UpgradesTable.parse("app_sys.upgrades");

    @TempDir
    Path tmp;

    @Test
    void qwatAndQgepPreAllChecksPass(TestDatabase db) throws IOException {
        try (var c = db.connect()) {
            Upgrader.baseline(c, TABLE, Version.parse("1.2.9"));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        Path d = Files.createDirectories(tmp.resolve("delta"));
        Path out = tmp.resolve("out.txt");
        Files.writeString(d.resolve("pre-all.py"), """
                import importlib.metadata
                import pkg_resources
                from pkg_resources import parse_version
                from pum.core.deltapy import DeltaPy

                class PreAll(DeltaPy):
                    def run(self):
                        version = self.current_db_version
                        assert version > pkg_resources.parse_version('1.2.8'), version
                        assert not version > parse_version('1.2.10'), version
                        assert parse_version('1.2.8') < version
                        assert version == parse_version('1.2.9')
                        assert pkg_resources.get_distribution("pum").parsed_version >= parse_version("0.10.0")
                        assert importlib.metadata.version("pum") == "0.10.0"
                        with open(%s, "w") as f:
                            f.write("|".join([str(version), str(len(self.delta_dirs)), str(self.variables["my_field_length"])]))
                """.formatted("'" + out + "'"));
        Files.writeString(d.resolve("delta_1.3.0_a.sql"), "CREATE TABLE a(i int);\n");
        List<String> progress = new ArrayList<>();
        Upgrader.upgrade(db.info(), TABLE, DeltaSet.scan(List.of(d), List.of()),
                UpgradeOptions.defaults().withVariables(Map.of("my_field_length", 20L)).withProgress(progress::add));
        assertEquals("1.2.9|1|20", Files.readString(out), progress.toString());
        assertEquals("1", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
    }
}
