package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Index that
                && unique == that.unique
                && primary == that.primary
                && Objects.equals(name, that.name)
                && Objects.equals(table, that.table)
                && Objects.equals(method, that.method)
                && Objects.equals(predicate, that.predicate)
                && Objects.equals(include, that.include)
                && Objects.equals(definition, that.definition);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

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
