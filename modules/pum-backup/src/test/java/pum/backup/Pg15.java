package pum.backup;

import java.util.ArrayList;
import java.util.List;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/**
 * Fresh databases on a PostgreSQL 15 server: the installed pg_dump is 15.x and refuses newer
 * servers, while the suite's default server is 17. Dropped by {@link #close()}.
 */
final class Pg15 implements AutoCloseable {
    private final List<TestDatabase> made = new ArrayList<>();

    TestDatabase database() {
        TestDatabase db = TestServer.forMajor(15).createDatabase();
        made.add(db);
        return db;
    }

    @Override
    public void close() {
        for (TestDatabase db : made) {
            db.server().dropDatabase(db.name());
        }
        made.clear();
    }
}
