package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An index.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param table the indexed table or materialized view
 * @param method access method ({@code btree}, {@code gist}, ...)
 * @param unique whether it is unique
 * @param primary whether it backs a primary key
 * @param predicate WHERE clause of a partial index, or null
 * @param include INCLUDE columns, or null
 * @param definition as {@code pg_get_indexdef} prints it
 */
public record Index(String name, String table, String method, boolean unique, boolean primary, String predicate, String include, String definition) implements CatalogObject {
    @Override
    public ObjectKind objectKind() {
        return ObjectKind.INDEXES;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("table", table);
        m.put("method", method);
        m.put("unique", String.valueOf(unique));
        m.put("primary", String.valueOf(primary));
        m.put("predicate", predicate);
        m.put("include", include);
        m.put("definition", definition);
        return Collections.unmodifiableMap(m);
    }
}
