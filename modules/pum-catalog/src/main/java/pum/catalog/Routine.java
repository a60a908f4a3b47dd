package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A function, procedure, aggregate or window function.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param kind {@code function}, {@code procedure}, {@code aggregate} or {@code window}
 * @param arguments arguments with names, modes and defaults
 * @param result result type, or null for a procedure
 * @param language language
 * @param volatility {@code immutable}, {@code stable} or {@code volatile}
 * @param strict whether it returns null on null input
 * @param securityDefiner whether it runs as its owner
 * @param config SET clauses, or null
 * @param body source text (or the SQL-standard body)
 */
public record Routine(String name, String kind, String arguments, String result, String language, String volatility, boolean strict, boolean securityDefiner, String config, String body) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Routine that
                && strict == that.strict
                && securityDefiner == that.securityDefiner
                && Objects.equals(name, that.name)
                && Objects.equals(kind, that.kind)
                && Objects.equals(arguments, that.arguments)
                && Objects.equals(result, that.result)
                && Objects.equals(language, that.language)
                && Objects.equals(volatility, that.volatility)
                && Objects.equals(config, that.config)
                && Objects.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.FUNCTIONS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("arguments", arguments);
        m.put("result", result);
        m.put("language", language);
        m.put("volatility", volatility);
        m.put("strict", String.valueOf(strict));
        m.put("security definer", String.valueOf(securityDefiner));
        m.put("config", config);
        m.put("body", body);
        return Collections.unmodifiableMap(m);
    }
}
