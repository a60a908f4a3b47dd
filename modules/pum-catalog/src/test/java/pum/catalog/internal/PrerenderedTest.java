package pum.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pum.catalog.Snapshot;
import pum.testkit.KitchenSink;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/**
 * The pre-rendered SQL of the snapshot's queries is what jOOQ renders from the typed queries, and
 * a snapshot read with it is the snapshot read through jOOQ. After changing a reader's query:
 * {@code mvn -B -q verify -pl modules/pum-catalog -am -Dtest=PrerenderedTest -Dpum.regenerate.queries=true
 * -Dsurefire.failIfNoSpecifiedTests=false}, then commit the file.
 */
@ExtendWith(PostgresExtension.class)
class PrerenderedTest {

    @Test
    void theFileHoldsWhatJooqRendersAndReadsTheSameSnapshot(TestDatabase db) throws Exception {
        db.execute(KitchenSink.DDL);
        try (Connection c = db.connect()) {
            Prerendered.enabled = false;
            Prerendered.RENDERED.clear();
            Snapshot viaJooq;
            try {
                viaJooq = CatalogReader.read(c, Set.of(), List.of());
            } finally {
                Prerendered.enabled = true;
            }
            Map<String, Prerendered.Entry> rendered = new TreeMap<>(Prerendered.RENDERED);
            assertTrue(rendered.size() >= 20, "every reader's queries ran: " + rendered.keySet());
            if (Boolean.getBoolean("pum.regenerate.queries")) {
                Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")),
                        "src/main/resources/pum/catalog/internal", Prerendered.RESOURCE);
                Files.writeString(file, Prerendered.text(rendered));
                return;
            }
            assertEquals(Prerendered.text(rendered), Prerendered.text(Prerendered.load()),
                    Prerendered.RESOURCE + " is stale: regenerate it (see PrerenderedTest)");
            Prerendered.RENDERED.clear();
            Snapshot prerendered = CatalogReader.read(c, Set.of(), List.of());
            // nothing was rendered: every query of the default scope came from the file
            assertEquals(Map.of(), Prerendered.RENDERED, "queries missing from " + Prerendered.RESOURCE);
            assertEquals(viaJooq, prerendered);
        }
    }

    @Test
    void aScopeThatExcludesRendersWithJooq(TestDatabase db) throws Exception {
        db.execute(KitchenSink.DDL);
        try (Connection c = db.connect()) {
            Prerendered.RENDERED.clear();
            Snapshot s = CatalogReader.read(c, Set.of("qwat_od"), List.of());
            assertTrue(Prerendered.RENDERED.isEmpty(), "only the default scope is recorded");
            assertFalse(s.tables().stream().anyMatch(t -> t.name().startsWith("qwat_od.")), "the excluded schema is left out");
            assertTrue(s.tables().stream().anyMatch(t -> t.name().startsWith("\"Odd Schema\".")), "the others are read");
        }
    }
}
