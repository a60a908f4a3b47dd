package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A comment; its name says on what, such as {@code column public.t.c}.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param text the comment
 */
public record Comment(String name, String text) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Comment that
                && Objects.equals(name, that.name)
                && Objects.equals(text, that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.COMMENTS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text", text);
        return Collections.unmodifiableMap(m);
    }
}
