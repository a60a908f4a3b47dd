package pum.ddl.internal;

import java.util.EnumSet;
import java.util.Set;
import pum.ddl.DdlStatement;
import pum.ddl.Hazard;

/**
 * A statement on its way into a plan: its rank (the phase it belongs to when nothing else orders it),
 * the names it provides to statements that mention them (null for a statement that creates
 * nothing others can refer to), and whether what its text names is beyond pg_depend (a plpgsql
 * body, an OWNED BY, a comment): the graph then also orders it by the names its text mentions.
 */
record Step(Rank rank, String object, String sql, Set<Hazard> hazards, String provides, boolean textual) {
    static Step of(Rank rank, String object, String sql, Hazard... hazards) {
        return new Step(rank, object, sql, hazards.length == 0 ? Set.of() : EnumSet.of(hazards[0], hazards), null, false);
    }

    Step providing(String name) {
        return new Step(rank, object, sql, hazards, name, textual);
    }

    /** The same step, its text naming objects pg_depend does not record it depends on. */
    Step untracked() {
        return new Step(rank, object, sql, hazards, provides, true);
    }

    DdlStatement statement() {
        return new DdlStatement(object, sql, hazards);
    }
}
