package pum.ddl.internal;

import java.util.EnumSet;
import java.util.Set;
import pum.ddl.DdlStatement;
import pum.ddl.Hazard;

/**
 * A statement on its way into a plan: its rank (the phase it belongs to when nothing else orders it)
 * and the names it provides to statements that mention them (null for a statement that creates
 * nothing others can refer to).
 */
record Step(Rank rank, String object, String sql, Set<Hazard> hazards, String provides) {
    static Step of(Rank rank, String object, String sql, Hazard... hazards) {
        return new Step(rank, object, sql, hazards.length == 0 ? Set.of() : EnumSet.of(hazards[0], hazards), null);
    }

    Step providing(String name) {
        return new Step(rank, object, sql, hazards, name);
    }

    DdlStatement statement() {
        return new DdlStatement(object, sql, hazards);
    }
}
