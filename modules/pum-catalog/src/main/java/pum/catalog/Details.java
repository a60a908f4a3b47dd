package pum.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
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
 * inherits (created by PostgreSQL, never by hand), list-valued fields as lists, the dependencies
 * between objects, aggregates' definitions, foreign servers and foreign tables' options. Keys are
 * the names the snapshot uses.
 *
 * @param functionDefinitions routine name to {@code pg_get_functiondef} text (not aggregates)
 * @param inheritedConstraints constraints that are not local (inherited from a parent table)
 * @param partitionIndexes indexes attached to an index of a partitioned parent
 * @param enumLabels enum type to its labels in order
 * @param compositeAttributes composite type to its attributes ({@code name type}) in order
 * @param domainChecks domain to its named CHECK constraints ({@code CONSTRAINT name CHECK (...)}), by name
 * @param dependencies what each object depends on, as pg_depend records it (normal and automatic
 *                     dependencies between objects in scope), both sides as {@code KIND NAME}: the
 *                     kind's label as {@code check} names it ({@code tables}, {@code columns},
 *                     {@code views}, {@code functions}, {@code types}, {@code domains},
 *                     {@code constraints}, ...; also {@code servers} and {@code wrappers}) and the
 *                     snapshot's name ({@code views s.v} to {@code columns s.t.c}). A view's rule
 *                     counts as the view, a column default as its column, a domain's CHECK as its
 *                     domain, the index behind a constraint as the constraint, an array type as its
 *                     element type, an object an extension created as {@code extensions e}.
 *                     Function bodies in languages other than SQL-standard bodies are not tracked by
 *                     PostgreSQL and do not appear.
 * @param aggregates aggregate routine name to what CREATE AGGREGATE needs
 * @param foreignDataWrappers foreign-data wrappers no extension created, by name
 * @param foreignServers foreign servers, by name (user mappings are never read: they hold passwords)
 * @param foreignTables foreign table name to its server and options
 * @param grants privileges granted on the objects that have an access control list, by object
 *               ({@code KIND NAME}, as in {@code dependencies}); an object listed with no grants had
 *               every privilege revoked but its owner's; objects not listed have PostgreSQL's
 *               defaults. Owners are not read.
 */
public record Details(Map<String, String> functionDefinitions, Set<String> inheritedConstraints, Set<String> partitionIndexes,
                      Map<String, List<String>> enumLabels, Map<String, List<String>> compositeAttributes,
                      Map<String, List<String>> domainChecks, Map<String, Set<String>> dependencies,
                      Map<String, Aggregate> aggregates, Map<String, ForeignDataWrapper> foreignDataWrappers,
                      Map<String, ForeignServer> foreignServers, Map<String, ForeignTable> foreignTables,
                      Map<String, List<Grant>> grants) {
    /** Copies everything into sorted, unmodifiable collections. */
    public Details {
        functionDefinitions = Map.copyOf(new TreeMap<>(functionDefinitions));
        inheritedConstraints = Set.copyOf(new TreeSet<>(inheritedConstraints));
        partitionIndexes = Set.copyOf(new TreeSet<>(partitionIndexes));
        enumLabels = Map.copyOf(enumLabels);
        compositeAttributes = Map.copyOf(compositeAttributes);
        domainChecks = Map.copyOf(domainChecks);
        TreeMap<String, Set<String>> deps = new TreeMap<>();
        dependencies.forEach((k, v) -> deps.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
        dependencies = Collections.unmodifiableMap(deps);
        aggregates = Map.copyOf(aggregates);
        foreignDataWrappers = Map.copyOf(foreignDataWrappers);
        foreignServers = Map.copyOf(foreignServers);
        foreignTables = Map.copyOf(foreignTables);
        TreeMap<String, List<Grant>> sortedGrants = new TreeMap<>();
        grants.forEach((k, v) -> sortedGrants.put(k, v.stream().sorted(java.util.Comparator.comparing(Grant::grantee)
                .thenComparing(Grant::privilege)).toList()));
        grants = Collections.unmodifiableMap(sortedGrants);
    }

    /** No details (DDL generated from a snapshot alone is then less exact). */
    public static Details none() {
        return new Details(Map.of(), Set.of(), Set.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
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
