package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Domain that
                && notNull == that.notNull
                && Objects.equals(name, that.name)
                && Objects.equals(baseType, that.baseType)
                && Objects.equals(defaultValue, that.defaultValue)
                && Objects.equals(collation, that.collation)
                && Objects.equals(constraints, that.constraints);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

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
