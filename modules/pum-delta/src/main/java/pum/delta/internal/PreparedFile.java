package pum.delta.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import pum.delta.DeltaFile;

/**
 * A delta file checked and ready to run: everything that can fail without running anything has
 * been tried (reading, decoding, directives, splitting, variables, compiling).
 *
 * <p>An SQL file up to {@link FilePreparer#IN_MEMORY} bytes keeps its statements; a larger one
 * keeps only their count and is read again, as a stream, when it runs, so memory does not grow
 * with the size of a delta.
 *
 * @param file       the file
 * @param directives its directives
 * @param checksum   its checksum, as stored in the upgrades table
 * @param statements SQL files kept in memory: the statements to send (a wrapping BEGIN/COMMIT
 *                   removed); null for a streamed file; empty for Java and Python
 * @param sent       the same statements' text after variables, as sent (null when streamed)
 * @param count      the number of statements that run
 * @param wrapper    a streamed file wrapped in BEGIN ... COMMIT: the SET TRANSACTION its BEGIN
 *                   becomes ("" when it has no modes), or null when it has no wrapper
 * @param javaClass  Java files: the compiled class, else null
 */
public record PreparedFile(DeltaFile file, Directives directives, String checksum, List<SqlStatement> statements, List<String> sent,
                           int count, String wrapper, Class<?> javaClass) {
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

    /** One statement to send. */
    public record Next(int index, SqlStatement statement, String sent, Reader copyData) {
    }

    /** Its statements, in order, from {@code from} (0-based). */
    public Source open(int from, Map<String, Object> variables) throws IOException {
        if (statements != null) {
            return new Source() {
                private int i = from;

                @Override
                public Next next() {
                    if (i >= statements.size()) {
                        return null;
                    }
                    SqlStatement s = statements.get(i);
                    Reader copy = s.copyFromStdin() ? new StringReader(s.copyData() == null ? "" : s.copyData()) : null;
                    Next n = new Next(i, s, sent.get(i), copy);
                    i++;
                    return n;
                }

                @Override
                public void close() {
                }
            };
        }
        return FilePreparer.stream(this, from, variables);
    }

    /** Statements read on demand; a reading or decoding problem met late is an IOException. */
    public interface Source extends AutoCloseable {
        /** The next statement, or null at the end. */
        Next next() throws IOException;

        @Override
        void close() throws IOException;
    }
}
