package pum.shell.internal.commands;

import java.sql.Connection;
import java.util.List;
import pum.catalog.Catalog;
import pum.catalog.CatalogOptions;
import pum.catalog.Snapshot;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.ddl.DdlStatement;
import pum.delta.Version;
import pum.diff.Diff;
import pum.diff.DiffOptions;
import pum.diff.DiffResult;
import pum.diff.Reprints;
import pum.shell.internal.Session;

/**
 * {@code pum create --from-diff -p1 A -p2 B}: the texts of a delta that makes A match B (what
 * {@code check --fix} writes) and of its rollback companion (the fix the other way round). Reads
 * both databases, runs nothing.
 */
final class FromDiff {
    /** The delta's name part when none is given. */
    static final String DEFAULT_NAME = "from_diff";

    /** The delta's and the rollback's text. */
    record Texts(String delta, String rollback) {
    }

    private final String first;
    private final String second;

    private FromDiff(String first, String second) {
        this.first = first;
        this.second = second;
    }

    /** Checks the options before anything is read or written. */
    static FromDiff options(String first, String second, boolean java) {
        if (first == null || second == null) {
            throw new PumException(ErrorCode.USAGE, "--from-diff needs both databases: -p1 (the one the delta upgrades) and -p2 (the one"
                    + " it should then match)", "pum create --from-diff -p1 A -p2 B [NAME]");
        }
        if (java) {
            throw new PumException(ErrorCode.USAGE, "--from-diff writes an SQL delta; --java cannot go with it", null);
        }
        return new FromDiff(first, second);
    }

    /**
     * The texts, or null when the databases are equal as {@code pum check} judges them (every kind,
     * server reprints settled).
     */
    Texts texts(Session session, List<String> excludedSchemas, Version version, String name) {
        Catalog.warmUp();
        CatalogOptions options = CatalogOptions.excluding(excludedSchemas);
        Connection c1 = session.connection(first);
        Snapshot a = Catalog.read(c1, options);
        Connection c2 = session.connection(second);
        Snapshot b = second.equals(first) ? a : Catalog.read(c2, options);
        DiffResult result = Diff.compare(a, b, DiffOptions.defaults());
        result = Reprints.settle(result, a, b, pairs -> Catalog.sameMeaning(c2, pairs));
        if (result.isEmpty()) {
            return null;
        }
        List<DdlStatement> forward = FixScript.statements(session, first, second, a, b, options);
        if (forward.isEmpty()) {
            return null;
        }
        List<DdlStatement> backward = FixScript.statements(session, second, first, b, a, options);
        String delta = FixScript.script(session, first, second, "Delta " + version + " " + name + ", written by pum create --from-diff:"
                + " makes the first database match the second (" + result.differences().size() + " differences)",
                "review them; pum upgrade runs this file in one transaction with its version's other files", forward);
        String rollback = FixScript.script(session, second, first, "Rollback of delta_" + version + "_" + name
                + ", written by pum create --from-diff: makes the second database match the first again",
                "data the delta deleted (dropped columns, tables) is not restored; pum verify-rollback checks the schema", backward);
        return new Texts(delta, rollback);
    }
}
