package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A view or materialized view.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param kind {@code view} or {@code materialized view}
 * @param definition the query, whitespace collapsed
 * @param options view options ({@code security_barrier}, {@code check_option}, ...), or null
 */
public record View(String name, String kind, String definition, String options) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof View that
                && Objects.equals(name, that.name)
                && Objects.equals(kind, that.kind)
                && Objects.equals(definition, that.definition)
                && Objects.equals(options, that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.VIEWS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("definition", definition);
        m.put("options", options);
        return Collections.unmodifiableMap(m);
    }
}
