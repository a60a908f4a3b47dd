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

/** {@code pum check --fix FILE|-}: writes, never runs, the SQL that makes the first database match the second. */
final class FixScript {
    private FixScript() {
    }

    static void write(Session session, String first, String second, Snapshot a, Snapshot b, CatalogOptions options, String target) {
        Details da = Details.read(session.connection(first), options);
        Details db = second.equals(first) ? da : Details.read(session.connection(second), options);
        List<DdlStatement> fix = Ddl.fix(a, da, b, db);
        String script = Ddl.script("pum check --fix: makes the first database match the second\nfirst:  "
                + session.resolve(first).describe() + "\nsecond: " + session.resolve(second).describe()
                + "\n" + fix.size() + " statements; pum never runs this script: review it, then run it or save it as the next delta", fix);
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
