package pum.catalog;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code CREATE FOREIGN TABLE} needs beyond a {@link Table}: its server and options.
 *
 * @param name the table's name, as the snapshot names it
 * @param server its foreign server, quoted as needed
 * @param options the table's options as PostgreSQL stores them ({@code key=value}), in order
 * @param columnOptions column name (as the snapshot names columns, {@code s.t.c}) to its options, for columns that have any
 */
public record ForeignTable(String name, String server, List<String> options, Map<String, List<String>> columnOptions) {
    /** Copies everything. */
    public ForeignTable {
        options = List.copyOf(options);
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        columnOptions.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        columnOptions = java.util.Collections.unmodifiableMap(sorted);
    }
}
