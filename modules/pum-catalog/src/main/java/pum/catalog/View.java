package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A view or materialized view.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param kind {@code view} or {@code materialized view}
 * @param definition the query, whitespace collapsed
 * @param options view options ({@code security_barrier}, {@code check_option}, ...), or null
 */
public record View(String name, String kind, String definition, String options) implements CatalogObject {
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
