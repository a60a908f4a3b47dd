package pum.ddl;

import java.util.Set;

/**
 * One generated SQL statement.
 *
 * @param object  the object it creates, changes or drops, as {@code kind name} ({@code tables public.t})
 * @param sql     the statement, ending with a semicolon (or a {@code --} comment for a {@link Hazard#MANUAL} step)
 * @param hazards what running it may do besides changing the schema, in enum order
 */
public record DdlStatement(String object, String sql, Set<Hazard> hazards) {
    /** Copies the hazards. */
    public DdlStatement {
        hazards = Set.copyOf(hazards);
    }
}
