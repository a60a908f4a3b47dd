package pum.shell.internal.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import pum.catalog.CatalogOptions;
import pum.catalog.Details;
import pum.catalog.Snapshot;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.ddl.Ddl;
import pum.ddl.DdlStatement;
import pum.shell.internal.Session;

/**
 * {@code pum check --fix FILE|-}: writes, never runs, the SQL that makes the first database match
 * the second, as an SQL script or (with {@code --format json}) as JSON.
 */
final class FixScript {
    private FixScript() {
    }

    /** The statements that make the first database match the second. */
    static List<DdlStatement> statements(Session session, String first, String second, Snapshot a, Snapshot b, CatalogOptions options) {
        Details da = Details.read(session.connection(first), options);
        Details db = second.equals(first) ? da : Details.read(session.connection(second), options);
        return Ddl.fix(a, da, b, db);
    }

    /**
     * The SQL script of these statements, hazards at the top and beside each statement: the title,
     * both databases, the number of statements followed by {@code note}.
     */
    static String script(Session session, String first, String second, String title, String note, List<DdlStatement> fix) {
        return Ddl.script(title + "\nfirst:  " + session.resolve(first).describe() + "\nsecond: " + session.resolve(second).describe()
                + "\n" + fix.size() + " statements; " + note, fix);
    }

    /** Writes the fix to {@code target} ({@code -}: standard output) in {@code format} (text: SQL, json). */
    static void write(Session session, String first, String second, Snapshot a, Snapshot b, CatalogOptions options, String target,
                      String format) {
        List<DdlStatement> fix = statements(session, first, second, a, b, options);
        String script = format.equals("json")
                ? FixJson.render(session.resolve(first).describe(), session.resolve(second).describe(), fix)
                : script(session, first, second, "pum check --fix: makes the first database match the second",
                        "pum never runs this script: review it, then run it or save it as the next delta (pum create --from-diff)", fix);
        if (target.equals("-")) {
            session.out().print(script);
            session.out().flush();
            return;
        }
        try {
            Files.writeString(Path.of(target), script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PumException(ErrorCode.USAGE, "cannot write the fix to " + target + ": " + e.getMessage(),
                    "check that the directory exists and is writable", e);
        }
    }
}
