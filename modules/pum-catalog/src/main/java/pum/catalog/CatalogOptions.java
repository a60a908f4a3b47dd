package pum.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to read.
 *
 * @param excludedSchemas schemas left out entirely, by exact name (PUM's {@code -N});
 *                        system schemas and extension members are always left out
 * @param excludedTables  tables left out by identity, as SQL names the server resolves
 *                        ({@code "app_sys"."upgrades"}, see {@link #withoutTable}): each is found
 *                        with {@code to_regclass} on the database read, and then the table, its
 *                        columns, constraints, indexes, triggers, comments and owned sequences are
 *                        left out by OID, never by a name pattern; its schema too when it holds
 *                        nothing else. A name that resolves to no table leaves nothing out.
 */
public record CatalogOptions(Set<String> excludedSchemas, List<String> excludedTables) {
    /** Copies the collections (schemas sorted). */
    public CatalogOptions {
        excludedSchemas = Set.copyOf(new TreeSet<>(excludedSchemas));
        excludedTables = List.copyOf(excludedTables);
    }

    /** Leaves out these schemas, and no table by identity. */
    public CatalogOptions(Set<String> excludedSchemas) {
        this(excludedSchemas, List.of());
    }

    /** Every user schema. */
    public static CatalogOptions defaults() {
        return new CatalogOptions(Set.of());
    }

    /** Every user schema except these. */
    public static CatalogOptions excluding(List<String> schemas) {
        return new CatalogOptions(Set.copyOf(schemas));
    }

    /**
     * The same, also leaving out one table by identity (pum's upgrades table).
     *
     * @param sqlName the table as SQL names it, schema-qualified and quoted as needed
     *                ({@code pum.delta.UpgradesTable#sqlName()})
     */
    public CatalogOptions withoutTable(String sqlName) {
        List<String> tables = new ArrayList<>(excludedTables);
        tables.add(sqlName);
        return new CatalogOptions(excludedSchemas, tables);
    }
}
