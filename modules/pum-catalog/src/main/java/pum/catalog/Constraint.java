package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A table constraint.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param type {@code primary key}, {@code foreign key}, {@code unique}, {@code check}, {@code exclusion} or {@code trigger}
 * @param definition as {@code pg_get_constraintdef} prints it (actions, match type, DEFERRABLE, NOT VALID included)
 * @param deferrable whether it is deferrable
 * @param initiallyDeferred whether it is initially deferred
 * @param validated false for a NOT VALID constraint
 */
public record Constraint(String name, String type, String definition, boolean deferrable, boolean initiallyDeferred, boolean validated) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Constraint that
                && deferrable == that.deferrable
                && initiallyDeferred == that.initiallyDeferred
                && validated == that.validated
                && Objects.equals(name, that.name)
                && Objects.equals(type, that.type)
                && Objects.equals(definition, that.definition);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.CONSTRAINTS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("definition", definition);
        m.put("deferrable", String.valueOf(deferrable));
        m.put("initially deferred", String.valueOf(initiallyDeferred));
        m.put("validated", String.valueOf(validated));
        return Collections.unmodifiableMap(m);
    }
}
