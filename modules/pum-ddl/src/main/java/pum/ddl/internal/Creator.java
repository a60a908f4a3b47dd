package pum.ddl.internal;

import java.util.ArrayList;
import java.util.List;
import pum.catalog.Comment;
import pum.catalog.Constraint;
import pum.catalog.Details;
import pum.catalog.Domain;
import pum.catalog.Extension;
import pum.catalog.ForeignDataWrapper;
import pum.catalog.ForeignServer;
import pum.catalog.Index;
import pum.catalog.Policy;
import pum.catalog.Routine;
import pum.catalog.Rule;
import pum.catalog.Schema;
import pum.catalog.Sequence;
import pum.catalog.Snapshot;
import pum.catalog.Table;
import pum.catalog.Trigger;
import pum.catalog.UserType;
import pum.catalog.View;
import pum.ddl.DdlStatement;

/** Every CREATE statement of a snapshot, in an order that builds. */
public final class Creator {
    private Creator() {
    }

    /** The statements that build the snapshot's schema in an empty database. */
    public static List<DdlStatement> create(Snapshot snapshot, Details details) {
        Model m = new Model(snapshot, details);
        List<Step> steps = new ArrayList<>();
        for (Schema s : snapshot.schemas()) {
            steps.add(Generators.schema(s));
        }
        for (Extension e : snapshot.extensions()) {
            steps.add(Generators.extension(e));
        }
        for (ForeignDataWrapper w : details.foreignDataWrappers().values()) {
            steps.add(Generators.wrapper(w));
        }
        for (ForeignServer s : details.foreignServers().values()) {
            steps.add(Generators.server(s));
        }
        for (UserType t : snapshot.types()) {
            steps.add(Generators.type(m, t));
        }
        for (Domain d : snapshot.domains()) {
            steps.add(Generators.domain(m, d));
        }
        for (Routine r : snapshot.functions()) {
            steps.add(Generators.function(m, r));
        }
        for (Sequence s : snapshot.sequences()) {
            steps.addAll(Generators.sequence(m, s));
        }
        for (Table t : snapshot.tables()) {
            steps.addAll(Generators.table(m, t));
        }
        for (Constraint k : snapshot.constraints()) {
            if (!m.implicitConstraint(k)) {
                steps.add(Generators.constraint(m, k));
            }
        }
        for (View v : snapshot.views()) {
            steps.add(Generators.view(v));
        }
        for (Index i : snapshot.indexes()) {
            if (!m.implicitIndex(i)) {
                steps.add(Generators.index(i));
            }
        }
        for (Trigger t : snapshot.triggers()) {
            steps.addAll(Generators.trigger(t));
        }
        for (Rule r : snapshot.rules()) {
            steps.add(Generators.rule(r));
        }
        for (Policy p : snapshot.policies()) {
            steps.add(Generators.policy(p));
        }
        for (Comment c : snapshot.comments()) {
            steps.add(Generators.comment(c));
        }
        return Graph.order(steps, details.dependencies()).stream().map(Step::statement).toList();
    }
}
