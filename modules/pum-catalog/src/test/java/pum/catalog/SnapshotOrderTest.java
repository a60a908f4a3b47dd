package pum.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's lists are in name order (Java string order, not a collation), whatever order the
 * catalog rows came in, stable for equal names, and cannot be changed.
 */
class SnapshotOrderTest {

    private static Snapshot of(List<Schema> schemas, List<Table> tables) {
        return new Snapshot(schemas, tables, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Table table(String name, String options) {
        return new Table(name, "table", "permanent", null, null, null, null, null, options);
    }

    @Test
    void rowsInAnyOrderComeOutInNameOrder() {
        List<Schema> in = new ArrayList<>();
        for (String n : List.of("t10", "t2", "\"T1\"", "t1", "_x", "t1_a", "t100")) {
            in.add(new Schema(n));
        }
        Snapshot s = of(in, List.of());
        assertEquals(List.of("\"T1\"", "_x", "t1", "t10", "t100", "t1_a", "t2"),
                s.schemas().stream().map(Schema::name).toList());
    }

    @Test
    void rowsAlreadyInOrderStayAsTheyAre() {
        List<Schema> in = List.of(new Schema("a"), new Schema("b"), new Schema("b.c"), new Schema("c"));
        assertEquals(in, of(in, List.of()).schemas());
    }

    @Test
    void equalNamesKeepTheirOrder() {
        List<Table> in = List.of(table("s.b", "1"), table("s.a", "first"), table("s.a", "second"), table("s.a", "third"));
        List<String> options = of(List.of(), in).tables().stream().map(t -> t.name() + "=" + t.options()).toList();
        assertEquals(List.of("s.a=first", "s.a=second", "s.a=third", "s.b=1"), options);
    }

    @Test
    void theListsCannotBeChanged() {
        Snapshot s = of(new ArrayList<>(List.of(new Schema("b"), new Schema("a"))), List.of());
        assertThrows(UnsupportedOperationException.class, () -> s.schemas().add(new Schema("c")));
    }
}
