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
import pum.delta.DeltaSet;
import pum.delta.UpgradeOptions;
import pum.delta.UpgradeResult;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.diff.Diff;
import pum.diff.DiffOptions;
import pum.diff.DiffResult;
import pum.diff.TextReport;
import pum.rehearsal.Confirmer;
import pum.rehearsal.Rehearsal;
import pum.rehearsal.RehearsalListener;
import pum.rehearsal.RehearsalResult;
import pum.rehearsal.Step;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

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

    @Test
    void rehearseThenUpgradeFromJava(@TempDir Path dir) throws Exception {
        // PostgreSQL 15: the installed pg_dump is 15
        TestDatabase prodDb = TestServer.forMajor(15).createDatabase();
        TestDatabase testDb = TestServer.forMajor(15).createDatabase();
        TestDatabase compDb = TestServer.forMajor(15).createDatabase();
        Path delta = Files.createDirectories(dir.resolve("delta"));
        Files.writeString(delta.resolve("delta_1.0.1_pipe.sql"), "ALTER TABLE pipe ADD COLUMN srid int;\n");
        prodDb.execute("CREATE TABLE pipe (id int PRIMARY KEY); INSERT INTO pipe VALUES (1), (2)");
        compDb.execute("CREATE TABLE pipe (id int PRIMARY KEY, srid int)");
        ConnectionInfo prod = ConnectionResolver.system().resolve(prodDb.uri());
        ConnectionInfo test = ConnectionResolver.system().resolve(testDb.uri());
        ConnectionInfo comp = ConnectionResolver.system().resolve(compDb.uri());
        UpgradesTable table = UpgradesTable.parse("qwat_sys.upgrades");
        try (Connection c = Database.connect(prod)) {
            Upgrader.baseline(c, table, Version.parse("1.0.0"));
        }

        // docs/api.md, "Rehearse, then upgrade production"
        List<String> log = new java.util.ArrayList<>();
        RehearsalListener listener = new RehearsalListener() {
            @Override
            public void stepFinished(Step step, java.time.Duration took, String summary) {
                log.add(step.number() + "/" + Step.count() + " " + step.label() + ": " + summary + " (" + took.toMillis() + " ms)");
            }
        };
        Confirmer confirmer = (question, text) -> question == Confirmer.Question.UPGRADE_PRODUCTION;
        RehearsalResult r = Rehearsal.of(prod, table, DeltaSet.scan(List.of(delta), List.of()))
                .testDatabase(test)
                .comparisonDatabase(comp)
                .jobs(2)
                .build()
                .run(listener, confirmer);
        switch (r.outcome()) {
            case UPGRADED -> log.add("production now at " + r.production().after());
            case DIFFERENCES -> log.add(new TextReport(1, false).render(r.differences()));
            case UP_TO_DATE -> log.add("nothing to do");
        }

        assertEquals(RehearsalResult.Outcome.UPGRADED, r.outcome(), String.join("\n", log));
        assertEquals(7, log.size(), String.join("\n", log));
        assertEquals("production now at 1.0.1", log.get(6));
        assertEquals("2", prodDb.queryValue("SELECT count(*) FROM pipe WHERE srid IS NULL"));
        for (TestDatabase d : List.of(prodDb, testDb, compDb)) {
            d.server().dropDatabase(d.name());
        }
    }
}
