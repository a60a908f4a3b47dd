package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule (not a view's _RETURN rule).
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param definition as {@code pg_get_ruledef} prints it
 */
public record Rule(String name, String definition) implements CatalogObject {
    @Override
    public ObjectKind objectKind() {
        return ObjectKind.RULES;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("definition", definition);
        return Collections.unmodifiableMap(m);
    }
}
