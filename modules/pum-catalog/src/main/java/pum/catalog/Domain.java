package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param baseType underlying type with modifiers
 * @param notNull whether NOT NULL is declared
 * @param defaultValue default expression, or null
 * @param collation collation when it is not the base type's default, or null
 * @param constraints named CHECK constraints, sorted, or null
 */
public record Domain(String name, String baseType, boolean notNull, String defaultValue, String collation, String constraints) implements CatalogObject {
    @Override
    public ObjectKind objectKind() {
        return ObjectKind.DOMAINS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("base type", baseType);
        m.put("not null", String.valueOf(notNull));
        m.put("default", defaultValue);
        m.put("collation", collation);
        m.put("constraints", constraints);
        return Collections.unmodifiableMap(m);
    }
}
