package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trigger.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param timing {@code BEFORE}, {@code AFTER} or {@code INSTEAD OF}
 * @param events events joined by {@code OR}, such as {@code INSERT OR UPDATE}
 * @param level {@code ROW} or {@code STATEMENT}
 * @param function the trigger function
 * @param when WHEN condition, or null
 * @param enabled {@code origin}, {@code always}, {@code replica} or {@code disabled}
 * @param definition as {@code pg_get_triggerdef} prints it
 */
public record Trigger(String name, String timing, String events, String level, String function, String when, String enabled, String definition) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Trigger that
                && Objects.equals(name, that.name)
                && Objects.equals(timing, that.timing)
                && Objects.equals(events, that.events)
                && Objects.equals(level, that.level)
                && Objects.equals(function, that.function)
                && Objects.equals(when, that.when)
                && Objects.equals(enabled, that.enabled)
                && Objects.equals(definition, that.definition);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.TRIGGERS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("timing", timing);
        m.put("events", events);
        m.put("level", level);
        m.put("function", function);
        m.put("when", when);
        m.put("enabled", enabled);
        m.put("definition", definition);
        return Collections.unmodifiableMap(m);
    }
}
