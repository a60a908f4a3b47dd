package pum.ddl.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * pg_depend's edges turned around: who reads an object. A view or function that reads something
 * a plan changes in a way it does not survive (a column re-typed or dropped, a relation, function
 * or type dropped) has to go first and come back after, and so has whatever reads it in turn.
 */
final class Readers {
    /**
     * @param rebuilt  views and functions (as {@code KIND NAME}) that go and come back
     * @param children triggers, rules and policies reading one of the starting objects or a rebuilt one,
     *                 constraints and indexes calling a rebuilt function (a re-typed column's own
     *                 constraints and indexes PostgreSQL rebuilds itself)
     */
    record Closure(Set<String> rebuilt, Set<String> children) {
    }

    private final Map<String, Set<String>> readers = new HashMap<>();

    /** From dependencies as {@link pum.catalog.Details#dependencies} holds them. */
    Readers(Map<String, Set<String>> dependencies) {
        dependencies.forEach((from, tos) -> tos.forEach(to -> {
            readers.computeIfAbsent(to, k -> new TreeSet<>()).add(from);
            if (to.startsWith("columns ")) {
                // whoever reads a column of a relation that goes, goes too
                readers.computeIfAbsent(relationKey(QName.parent(to.substring("columns ".length()))), k -> new TreeSet<>()).add(from);
            }
        }));
    }

    private static String relationKey(String relation) {
        return "columns of " + relation;
    }

    /**
     * Everything reading the starting objects, transitively through the readers that {@code rebuilt}
     * accepts (views and functions of the first database); the result does not depend on the order
     * of {@code start}.
     */
    Closure of(Collection<String> start, Predicate<String> rebuilt) {
        Set<String> out = new TreeSet<>();
        Set<String> children = new TreeSet<>();
        List<String> work = new ArrayList<>(start);
        Set<String> seen = new HashSet<>(work);
        while (!work.isEmpty()) {
            String ref = work.remove(work.size() - 1);
            Set<String> found = new TreeSet<>(readers.getOrDefault(ref, Set.of()));
            if (ref.startsWith("views ") || ref.startsWith("tables ")) {
                found.addAll(readers.getOrDefault(relationKey(ref.substring(ref.indexOf(' ') + 1)), Set.of()));
            }
            for (String reader : found) {
                if (rebuilt.test(reader)) {
                    out.add(reader);
                    if (seen.add(reader)) {
                        work.add(reader);
                    }
                } else if (reader.startsWith("triggers ") || reader.startsWith("rules ") || reader.startsWith("policies ")
                        || (ref.startsWith("functions ") && (reader.startsWith("constraints ") || reader.startsWith("indexes ")))) {
                    children.add(reader);
                }
            }
        }
        return new Closure(out, children);
    }
}
