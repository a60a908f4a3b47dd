package pum.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.catalog.Catalog;
import pum.catalog.CatalogOptions;
import pum.catalog.Snapshot;
import pum.core.ConnectionInfo;
import pum.core.ConnectionResolver;
import pum.core.Database;
import pum.delta.UpgradeOptions;
import pum.delta.UpgradeResult;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.diff.Diff;
import pum.diff.DiffOptions;
import pum.diff.DiffResult;
import pum.diff.TextReport;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** The examples of docs/api.md, as another Java program would use pum's exported modules. */
@ExtendWith(PostgresExtension.class)
class ApiUsageTest {

    @Test
    void upgradeThenCompareFromJava(TestDatabase prodDb, TestDatabase compDb, @TempDir Path dir) throws Exception {
        Path delta = Files.createDirectories(dir.resolve("delta"));
        Files.writeString(delta.resolve("delta_1.0.1_pipe.sql"), "CREATE TABLE pipe (id int PRIMARY KEY, srid int DEFAULT %(srid)s);\n");
        compDb.execute("CREATE TABLE pipe (id int PRIMARY KEY, srid int DEFAULT 2056)");

        ConnectionInfo prod = ConnectionResolver.system().resolve(prodDb.uri());
        ConnectionInfo comp = ConnectionResolver.system().resolve(compDb.uri());
        UpgradesTable table = UpgradesTable.parse("qwat_sys.upgrades");
        try (Connection c = Database.connect(prod)) {
            Upgrader.baseline(c, table, Version.parse("1.0.0"));
        }
        UpgradeResult r = Upgrader.upgrade(prod, table, List.of(delta), List.of(),
                UpgradeOptions.defaults().withVariables(Map.of("srid", 2056L)));
        assertEquals("1.0.0", r.before().toString());
        assertEquals("1.0.1", r.after().toString());

        Snapshot a;
        Snapshot b;
        try (Connection ca = Database.connect(prod); Connection cb = Database.connect(comp)) {
            a = Catalog.read(ca, CatalogOptions.excluding(List.of("qwat_sys")));
            b = Catalog.read(cb, CatalogOptions.defaults());
        }
        DiffResult diff = Diff.compare(a, b, DiffOptions.defaults());
        assertTrue(diff.isEmpty(), new TextReport(1, false).render(diff));
    }
}
