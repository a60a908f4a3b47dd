package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A row-level security policy.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param command {@code ALL}, {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param permissive permissive (true) or restrictive (false)
 * @param roles roles it applies to, sorted, comma-separated
 * @param using USING expression, or null
 * @param withCheck WITH CHECK expression, or null
 */
public record Policy(String name, String command, boolean permissive, String roles, String using, String withCheck) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Policy that
                && permissive == that.permissive
                && Objects.equals(name, that.name)
                && Objects.equals(command, that.command)
                && Objects.equals(roles, that.roles)
                && Objects.equals(using, that.using)
                && Objects.equals(withCheck, that.withCheck);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.POLICIES;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("permissive", String.valueOf(permissive));
        m.put("roles", roles);
        m.put("using", using);
        m.put("with check", withCheck);
        return Collections.unmodifiableMap(m);
    }
}
