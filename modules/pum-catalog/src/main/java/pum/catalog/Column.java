package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A column of a table, view or materialized view.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param position 1-based position among the live columns; compared only when column order counts
 * @param type type with modifiers, as {@code format_type} prints it
 * @param notNull whether NOT NULL is declared
 * @param defaultValue default expression, or null
 * @param identity {@code always}, {@code by default}, or null
 * @param generated generation expression of a stored generated column, or null
 * @param collation collation when it is not the type's default, or null
 */
public record Column(String name, int position, String type, boolean notNull, String defaultValue, String identity, String generated, String collation) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Column that
                && position == that.position
                && notNull == that.notNull
                && Objects.equals(name, that.name)
                && Objects.equals(type, that.type)
                && Objects.equals(defaultValue, that.defaultValue)
                && Objects.equals(identity, that.identity)
                && Objects.equals(generated, that.generated)
                && Objects.equals(collation, that.collation);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.COLUMNS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("position", Integer.toString(position));
        m.put("type", type);
        m.put("not null", String.valueOf(notNull));
        m.put("default", defaultValue);
        m.put("identity", identity);
        m.put("generated", generated);
        m.put("collation", collation);
        return Collections.unmodifiableMap(m);
    }
}
