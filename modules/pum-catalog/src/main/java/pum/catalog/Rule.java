package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rule (not a view's _RETURN rule).
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param definition as {@code pg_get_ruledef} prints it
 */
public record Rule(String name, String definition) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Rule that
                && Objects.equals(name, that.name)
                && Objects.equals(definition, that.definition);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

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
