package pum.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pum.catalog.Catalog;
import pum.catalog.CatalogObject;
import pum.catalog.CatalogOptions;
import pum.catalog.ObjectKind;
import pum.catalog.Snapshot;
import pum.testkit.KitchenSink;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/** What a snapshot holds, and that it does not depend on the PostgreSQL major. */
@ExtendWith(PostgresExtension.class)
class SnapshotTest {

    @Test
    void readsEveryKindAndLeavesExtensionMembersOut(TestDatabase db) throws SQLException {
        db.execute(KitchenSink.DDL);
        Snapshot s = read(db);
        Map<String, String> pipe = field(s, ObjectKind.TABLES, "qwat_od.pipe");
        assertEquals("enabled", pipe.get("row security"));
        assertEquals("partitioned table", field(s, ObjectKind.TABLES, "qwat_od.measure").get("kind"));
        assertEquals("qwat_od.measure", field(s, ObjectKind.TABLES, "qwat_od.measure_2024").get("partition of"));
        assertEquals("qwat_od.base", field(s, ObjectKind.TABLES, "qwat_od.child").get("inherits"));
        assertEquals("unlogged", field(s, ObjectKind.TABLES, "qwat_od.scratch").get("persistence"));
        assertEquals("always", field(s, ObjectKind.COLUMNS, "qwat_od.district.id").get("identity"));
        assertEquals("\"C\"", field(s, ObjectKind.COLUMNS, "qwat_od.district.name").get("collation"));
        assertEquals("character varying(50)", field(s, ObjectKind.COLUMNS, "qwat_od.district.name").get("type"));
        assertEquals("nextval('qwat_od.pipe_id_seq'::regclass)", field(s, ObjectKind.COLUMNS, "qwat_od.pipe.id").get("default"));
        assertEquals("(length * (1000)::numeric)", field(s, ObjectKind.COLUMNS, "qwat_od.pipe.length_m").get("generated"));
        assertEquals("integer", field(s, ObjectKind.COLUMNS, "\"Odd Schema\".\"Mixed Case\".\"Select\"").get("type"));
        assertEquals("FOREIGN KEY (district_id) REFERENCES qwat_od.district(id) MATCH FULL ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
                field(s, ObjectKind.CONSTRAINTS, "qwat_od.pipe.pipe_district_id_fkey").get("definition"));
        assertEquals("false", field(s, ObjectKind.CONSTRAINTS, "qwat_od.pipe.pipe_len").get("validated"));
        assertEquals("exclusion", field(s, ObjectKind.CONSTRAINTS, "qwat_od.pipe.pipe_during_excl").get("type"));
        assertEquals("materialized view", field(s, ObjectKind.VIEWS, "qwat_od.pipe_count").get("kind"));
        assertEquals("security_barrier=true", field(s, ObjectKind.VIEWS, "qwat_od.big_pipes").get("options"));
        Map<String, String> counter = field(s, ObjectKind.SEQUENCES, "qwat_od.counter");
        assertEquals("integer 10 5 10 1000 2 true qwat_od.pipe.diameter", String.join(" ", counter.get("type"), counter.get("start"),
                counter.get("increment"), counter.get("min"), counter.get("max"), counter.get("cache"), counter.get("cycle"), counter.get("owned by")));
        Map<String, String> idx = field(s, ObjectKind.INDEXES, "qwat_od.pipe_status_idx");
        assertEquals("true length (status <> 'removed'::qwat_od.status)", idx.get("unique") + " " + idx.get("include") + " " + idx.get("predicate"));
        Map<String, String> trg = field(s, ObjectKind.TRIGGERS, "qwat_od.pipe.pipe_touch");
        assertEquals("BEFORE INSERT OR UPDATE ROW qwat_od.touch (new.diameter IS DISTINCT FROM 0)",
                String.join(" ", trg.get("timing"), trg.get("events"), trg.get("level"), trg.get("function"), trg.get("when")));
        Map<String, String> add = field(s, ObjectKind.FUNCTIONS, "qwat_od.add(a integer, b integer)");
        assertEquals("a integer, b integer DEFAULT 1 | integer | sql | immutable | true", String.join(" | ",
                add.get("arguments"), add.get("result"), add.get("language"), add.get("volatility"), add.get("strict")));
        assertEquals("true", field(s, ObjectKind.FUNCTIONS, "qwat_od.touch()").get("security definer"));
        assertEquals("search_path=qwat_od, pg_temp", field(s, ObjectKind.FUNCTIONS, "qwat_od.touch()").get("config"));
        assertEquals("procedure", field(s, ObjectKind.FUNCTIONS, "qwat_od.cleanup(IN keep integer)").get("kind"));
        assertEquals("aggregate", field(s, ObjectKind.FUNCTIONS, "qwat_od.total(integer)").get("kind"));
        assertEquals("RETURN (a * 2)", field(s, ObjectKind.FUNCTIONS, "qwat_od.twice(a integer)").get("body"));
        assertTrue(names(s, ObjectKind.RULES).contains("qwat_od.scratch.scratch_no_delete"));
        assertEquals("planned, built, removed", field(s, ObjectKind.TYPES, "qwat_od.status").get("elements"));
        assertEquals("x double precision, y double precision, z numeric(10,3)", field(s, ObjectKind.TYPES, "qwat_od.point3").get("elements"));
        assertEquals("positive_check CHECK ((VALUE > 0))", field(s, ObjectKind.DOMAINS, "qwat_od.positive").get("constraints"));
        assertTrue(names(s, ObjectKind.EXTENSIONS).contains("pg_trgm"));
        assertEquals("PUBLIC", field(s, ObjectKind.POLICIES, "qwat_od.pipe.pipe_read").get("roles"));
        assertEquals("(diameter < 10000)", field(s, ObjectKind.POLICIES, "qwat_od.pipe.pipe_write").get("with check"));
        assertEquals(List.of("column qwat_od.pipe.diameter", "constraint qwat_od.pipe.pipe_len", "function qwat_od.add(a integer, b integer)",
                "schema public", "schema qwat_od", "table qwat_od.pipe", "trigger qwat_od.pipe.pipe_touch", "type qwat_od.status", "view qwat_od.big_pipes"),
                names(s, ObjectKind.COMMENTS));
        // pg_trgm's functions, types and operators belong to the extension
        assertTrue(names(s, ObjectKind.FUNCTIONS).stream().noneMatch(n -> n.contains("similarity")), names(s, ObjectKind.FUNCTIONS).toString());
        assertTrue(names(s, ObjectKind.TYPES).stream().noneMatch(n -> n.contains("gtrgm")));
    }

    @Test
    void theSameSchemaOnAnotherMajorGivesAnEqualSnapshot(TestDatabase db, TestServer server) throws SQLException {
        int otherMajor = server.major() == 17 ? 14 : 17;
        TestServer other = TestServer.forMajor(otherMajor);
        TestDatabase otherDb = other.createDatabase();
        try {
            db.execute(KitchenSink.DDL);
            otherDb.execute(KitchenSink.DDL);
            Snapshot here = read(db);
            Snapshot there = read(otherDb);
            DiffResult diff = Diff.compare(here, there, DiffOptions.defaults());
            assertEquals("", diff.differences().stream().map(DiffCasesTest::describe).collect(Collectors.joining("\n")),
                    "PostgreSQL " + server.major() + " vs " + otherMajor);
            assertEquals(here, there);
        } finally {
            other.dropDatabase(otherDb.name());
        }
    }

    @Test
    void readingInsideACallersTransactionLeavesItsWorkAndSettingsAlone(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET search_path = public");
            st.execute("CREATE TABLE pending (a int)");
            Snapshot inside = Catalog.read(c, CatalogOptions.defaults());
            assertTrue(names(inside, ObjectKind.TABLES).contains("public.pending"));
            try (java.sql.ResultSet rs = st.executeQuery("SHOW search_path")) {
                rs.next();
                assertEquals("public", rs.getString(1));
            }
            c.commit();
        }
        assertEquals("1", db.queryValue("SELECT count(*) FROM pg_tables WHERE tablename = 'pending'"));
        try (Connection c = db.connect()) {
            Catalog.read(c, CatalogOptions.defaults());
            assertTrue(c.getAutoCommit());
        }
    }

    private static Snapshot read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return Catalog.read(c, CatalogOptions.defaults());
        }
    }

    private static Map<String, String> field(Snapshot s, ObjectKind kind, String name) {
        return s.objects(kind).stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind.label() + " " + name + " not in " + names(s, kind))).fields();
    }

    private static List<String> names(Snapshot s, ObjectKind kind) {
        return s.objects(kind).stream().map(CatalogObject::name).toList();
    }
}
