package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An installed extension (its member objects are never compared).
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param version installed version
 * @param schema schema it lives in
 */
public record Extension(String name, String version, String schema) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Extension that
                && Objects.equals(name, that.name)
                && Objects.equals(version, that.version)
                && Objects.equals(schema, that.schema);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.EXTENSIONS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("schema", schema);
        return Collections.unmodifiableMap(m);
    }
}
