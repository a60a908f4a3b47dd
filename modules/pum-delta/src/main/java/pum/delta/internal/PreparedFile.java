package pum.delta.internal;

import java.util.List;
import pum.delta.DeltaFile;

/**
 * A delta file checked and ready to run: everything that can fail without running anything has
 * been tried (reading, decoding, directives, splitting, variables, compiling).
 *
 * @param file       the file
 * @param directives its directives
 * @param checksum   its checksum, as stored in the upgrades table
 * @param statements SQL files: the statements to send (a wrapping BEGIN/COMMIT removed), else empty
 * @param sent       SQL files: each statement's text after variables, as sent
 * @param javaClass  Java files: the compiled class, else null
 */
public record PreparedFile(DeltaFile file, Directives directives, String checksum, List<SqlStatement> statements, List<String> sent,
                           Class<?> javaClass) {
    /** Whether it runs in its own connection (Python). */
    public boolean isPython() {
        return file.language() == DeltaFile.Language.PY;
    }

    /** Whether it runs statement by statement in autocommit. */
    public boolean noTransaction() {
        return directives.noTransaction();
    }

    /** Whether it sets timeouts of its own. */
    public boolean ownTimeouts() {
        return directives.lockTimeout() != null || directives.statementTimeout() != null;
    }
}
