package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An installed extension (its member objects are never compared).
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param version installed version
 * @param schema schema it lives in
 */
public record Extension(String name, String version, String schema) implements CatalogObject {
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
