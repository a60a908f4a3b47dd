package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An enum or composite type.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param kind {@code enum} or {@code composite}
 * @param elements enum labels in order, or composite attributes with types, comma-separated
 */
public record UserType(String name, String kind, String elements) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof UserType that
                && Objects.equals(name, that.name)
                && Objects.equals(kind, that.kind)
                && Objects.equals(elements, that.elements);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.TYPES;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("elements", elements);
        return Collections.unmodifiableMap(m);
    }
}
