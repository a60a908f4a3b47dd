package pum.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import pum.catalog.internal.DetailsReader;
import pum.core.ErrorCode;

/**
 * Facts that generating exact DDL needs beyond a {@link Snapshot} and that {@code check} does not
 * compare: whole function definitions, which constraints and indexes a partition or child table
 * inherits (created by PostgreSQL, never by hand), and list-valued fields as lists. Keys are the
 * names the snapshot uses.
 *
 * @param functionDefinitions routine name to {@code pg_get_functiondef} text (not aggregates)
 * @param inheritedConstraints constraints that are not local (inherited from a parent table)
 * @param partitionIndexes indexes attached to an index of a partitioned parent
 * @param enumLabels enum type to its labels in order
 * @param compositeAttributes composite type to its attributes ({@code name type}) in order
 * @param domainChecks domain to its named CHECK constraints ({@code CONSTRAINT name CHECK (...)}), by name
 */
public record Details(Map<String, String> functionDefinitions, Set<String> inheritedConstraints, Set<String> partitionIndexes,
                      Map<String, List<String>> enumLabels, Map<String, List<String>> compositeAttributes,
                      Map<String, List<String>> domainChecks) {
    /** Copies everything into sorted, unmodifiable collections. */
    public Details {
        functionDefinitions = Map.copyOf(new TreeMap<>(functionDefinitions));
        inheritedConstraints = Set.copyOf(new TreeSet<>(inheritedConstraints));
        partitionIndexes = Set.copyOf(new TreeSet<>(partitionIndexes));
        enumLabels = Map.copyOf(enumLabels);
        compositeAttributes = Map.copyOf(compositeAttributes);
        domainChecks = Map.copyOf(domainChecks);
    }

    /** No details (DDL generated from a snapshot alone is then less exact). */
    public static Details none() {
        return new Details(Map.of(), Set.of(), Set.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * Reads the details of the database behind a connection, with the same scope and in the same
     * kind of transaction as {@link Catalog#read}; the connection is left as found.
     *
     * @throws CatalogException with {@link ErrorCode#DATABASE} if a catalog query fails
     */
    public static Details read(Connection connection, CatalogOptions options) {
        try {
            return DetailsReader.read(connection, options.excludedSchemas());
        } catch (SQLException | org.jooq.exception.DataAccessException e) {
            throw new CatalogException(ErrorCode.DATABASE, "reading the catalog failed: " + e.getMessage(),
                    "pum supports PostgreSQL 14 to 17; check that the role may read pg_catalog", e);
        }
    }
}
