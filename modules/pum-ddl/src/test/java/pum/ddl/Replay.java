package pum.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import pum.catalog.Catalog;
import pum.catalog.CatalogOptions;
import pum.catalog.Details;
import pum.catalog.Snapshot;
import pum.diff.Diff;
import pum.diff.DiffOptions;
import pum.diff.Difference;
import pum.testkit.TestDatabase;

/** Reading a test database and comparing two, as pum check does. */
final class Replay {
    private Replay() {
    }

    record Read(Snapshot snapshot, Details details) {
    }

    static Read read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new Read(Catalog.read(c, CatalogOptions.defaults()), Details.read(c, CatalogOptions.defaults()));
        }
    }

    static void assertSame(TestDatabase expected, TestDatabase actual, String script) throws SQLException {
        List<Difference> differences = Diff.compare(read(expected).snapshot(), read(actual).snapshot(), DiffOptions.defaults()).differences();
        assertEquals("", String.join("\n", differences.stream().map(d -> d.kind().label() + " " + d.object() + ": " + d.change().label()
                + (d.field() == null ? "" : " " + d.field() + " " + d.first() + " vs " + d.second())).toList()), "after replaying:\n" + script);
    }
}
