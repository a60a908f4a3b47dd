package pum.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pum.catalog.Column;
import pum.catalog.ObjectKind;
import pum.catalog.Routine;
import pum.catalog.Snapshot;

/** The diff as a pure function of two snapshot values, and how its reports read. */
class ReportTest {

    private static Snapshot snapshot(List<Column> columns, List<Routine> functions) {
        return new Snapshot(List.of(), List.of(), columns, List.of(), List.of(), List.of(), List.of(), List.of(),
                functions, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Column column(String name, String type, String def) {
        return new Column(name, 1, type, false, def, null, null, null);
    }

    private static Routine function(String body) {
        return new Routine("public.f()", "function", "", "integer", "plpgsql", "volatile", false, false, null, body);
    }

    @Test
    void likePatternsFollowSqlRules() {
        Snapshot a = snapshot(List.of(column("public.t.a", "integer", "nextval('public.a_seq'::regclass)"),
                column("public.t.b", "text", "'50%'::text"), column("public.t.c", "integer", "1")), List.of());
        Snapshot b = snapshot(List.of(column("public.t.a", "integer", "nextval('public.b_seq'::regclass)"),
                column("public.t.b", "text", "'60%'::text"), column("public.t.c", "integer", "12")), List.of());
        assertEquals(3, Diff.compare(a, b, DiffOptions.defaults()).differences().size());
        // % any run, _ one character, \ escapes; the whole value must match
        DiffResult r = Diff.compare(a, b, new DiffOptions(Set.of(), List.of(), List.of("nextval(%", "'_0\\%'::text", "_x"), false));
        assertEquals(List.of(new Difference(ObjectKind.COLUMNS, "public.t.c", Change.CHANGED, "default", "1", "12")), r.differences());
        assertEquals(0, Diff.compare(a, b, new DiffOptions(Set.of(), List.of(), List.of("nextval(%", "'_0\\%'::text", "1%"), false)).differences().size());
    }

    @Test
    void verbosityTwoShowsLongValuesInFull() {
        String body1 = "\nBEGIN\n    RETURN 1;\nEND\n";
        String body2 = "\nBEGIN\n    RETURN 2;\nEND\n";
        DiffResult r = Diff.compare(snapshot(List.of(), List.of(function(body1))), snapshot(List.of(), List.of(function(body2))),
                DiffOptions.defaults());
        assertEquals("""
                functions (1)
                  ~ public.f(): body BEGIN RETURN 1; END vs BEGIN RETURN 2; END
                1 difference
                """, new TextReport(1, false).render(r));
        assertEquals("""
                functions (1)
                  ~ public.f(): body BEGIN RETURN 1; END vs BEGIN RETURN 2; END
                      first:
                        BEGIN
                            RETURN 1;
                        END
                      second:
                        BEGIN
                            RETURN 2;
                        END
                1 difference
                """, new TextReport(2, false).render(r));
        assertEquals("functions (1)\n1 difference\n", new TextReport(0, false).render(r));
        assertEquals("no differences\n", new TextReport(1, false).render(new DiffResult(List.of())));
    }

    @Test
    void jsonEscapesControlCharactersAndQuotes() {
        DiffResult r = Diff.compare(snapshot(List.of(), List.of(function("a\"b\\c\td\n"))), snapshot(List.of(), List.of(function("x"))),
                DiffOptions.defaults());
        assertEquals("""
                {"format": "pum-check", "version": 1, "equal": false, "count": 1, "differences": [
                  {"kind": "functions", "object": "public.f()", "change": "changed", "field": "body", "first": "a\\"b\\\\c\\td\\n", "second": "x", "comment_on": null}
                ]}
                """, JsonReport.render(r));
        assertEquals("{\"format\": \"pum-check\", \"version\": 1, \"equal\": true, \"count\": 0, \"differences\": []}\n",
                JsonReport.render(new DiffResult(List.of())));
    }

    @Test
    void commentsAreReportedAsCommentsOnTheirObject() {
        Snapshot a = new Snapshot(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(new pum.catalog.Comment("constraint x.y.z", "positive"),
                        new pum.catalog.Comment("materialized view x.mv", "refreshed nightly")));
        Snapshot b = new Snapshot(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(new pum.catalog.Comment("materialized view x.mv", "hourly")));
        DiffResult r = Diff.compare(a, b, DiffOptions.defaults());
        String text = new TextReport(1, false).render(r);
        assertTrue(text.contains("  - comment on constraint x.y.z: only in first\n"), text);
        assertTrue(text.contains("  ~ comment on materialized view x.mv: text refreshed nightly vs hourly\n"), text);
        String json = JsonReport.render(r);
        assertTrue(json.contains("\"object\": \"constraint x.y.z\", \"change\": \"only in first\""), json);
        assertTrue(json.contains("\"comment_on\": {\"kind\": \"constraint\", \"object\": \"x.y.z\"}"), json);
        assertTrue(json.contains("\"comment_on\": {\"kind\": \"materialized view\", \"object\": \"x.mv\"}"), json);
    }
}
