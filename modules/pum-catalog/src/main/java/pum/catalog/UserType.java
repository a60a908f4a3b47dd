package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An enum or composite type.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param kind {@code enum} or {@code composite}
 * @param elements enum labels in order, or composite attributes with types, comma-separated
 */
public record UserType(String name, String kind, String elements) implements CatalogObject {
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
