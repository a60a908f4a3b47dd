package pum.ddl.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import pum.catalog.CatalogObject;
import pum.catalog.Column;
import pum.catalog.Constraint;
import pum.catalog.Details;
import pum.catalog.Index;
import pum.catalog.Sequence;
import pum.catalog.Snapshot;
import pum.catalog.Table;
import pum.catalog.View;

/** A snapshot and its details with the look-ups the generators need. */
final class Model {
    final Snapshot snapshot;
    final Details details;
    final Map<String, Table> tables;
    final Map<String, View> views;
    final Map<String, List<Column>> columnsByRelation = new HashMap<>();
    final Map<String, Sequence> sequencesByOwner = new HashMap<>();
    final Set<String> identitySequences = new HashSet<>();
    final Set<String> constraintIndexes = new HashSet<>();

    Model(Snapshot snapshot, Details details) {
        this.snapshot = snapshot;
        this.details = details;
        tables = byName(snapshot.tables());
        views = byName(snapshot.views());
        for (Column c : snapshot.columns()) {
            columnsByRelation.computeIfAbsent(QName.parent(c.name()), k -> new ArrayList<>()).add(c);
        }
        columnsByRelation.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(Column::position)));
        Map<String, Column> columns = byName(snapshot.columns());
        for (Sequence s : snapshot.sequences()) {
            if (s.ownedBy() != null) {
                sequencesByOwner.put(s.ownedBy(), s);
                Column c = columns.get(s.ownedBy());
                if (c != null && c.identity() != null) {
                    identitySequences.add(s.name());
                }
            }
        }
        for (Constraint k : snapshot.constraints()) {
            if (k.type().equals("primary key") || k.type().equals("unique") || k.type().equals("exclusion")) {
                // the index behind a constraint has the constraint's name, in the table's schema
                constraintIndexes.add(pum.catalog.Names.qualify(QName.schema(k.name()), QName.parts(k.name()).get(2)));
            }
        }
    }

    static <T extends CatalogObject> Map<String, T> byName(List<T> objects) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T o : objects) {
            m.put(o.name(), o);
        }
        return m;
    }

    static <T, K> Map<K, T> index(List<T> list, Function<T, K> key) {
        Map<K, T> m = new LinkedHashMap<>();
        list.forEach(t -> m.put(key.apply(t), t));
        return m;
    }

    boolean isPartition(String table) {
        Table t = tables.get(table);
        return t != null && t.partitionOf() != null;
    }

    /** Whether this index is created by PostgreSQL (behind a constraint, or attached to a parent's index). */
    boolean implicitIndex(Index i) {
        return constraintIndexes.contains(i.name()) || details.partitionIndexes().contains(i.name());
    }

    /** Whether this constraint is created by PostgreSQL (inherited, or the constraint behind a constraint trigger). */
    boolean implicitConstraint(Constraint k) {
        return details.inheritedConstraints().contains(k.name()) || k.type().equals("trigger");
    }
}
