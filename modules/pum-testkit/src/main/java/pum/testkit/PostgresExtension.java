package pum.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a fresh {@link TestDatabase} into every test method parameter of that type (two
 * parameters, two databases) and drops them after the test. {@link TestServer} parameters get
 * the shared server.
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class MyTest {
 *     @Test void works(TestDatabase db) { db.execute("CREATE TABLE t (id int)"); }
 * }
 * }</pre>
 */
public final class PostgresExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        return type == TestDatabase.class || type == TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        if (p.getParameter().getType() == TestServer.class) {
            return TestServer.shared();
        }
        TestDatabase db = TestServer.shared().createDatabase();
        created(c).add(db);
        return db;
    }

    @Override
    public void afterEach(ExtensionContext c) {
        for (TestDatabase db : created(c)) {
            db.server().dropDatabase(db.name());
        }
        created(c).clear();
    }

    @SuppressWarnings("unchecked")
    private static List<TestDatabase> created(ExtensionContext c) {
        return c.getStore(NS).getOrComputeIfAbsent("databases", k -> new ArrayList<TestDatabase>(), List.class);
    }
}
