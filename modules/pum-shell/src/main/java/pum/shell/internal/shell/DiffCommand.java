package pum.shell.internal.shell;

import java.util.List;
import pum.catalog.ObjectKind;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.diff.DiffResult;
import pum.diff.Difference;
import pum.diff.TextReport;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/** {@code diff [KIND] [SCHEMA]}: the differences of the session's last check, filtered. */
public final class DiffCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public DiffCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String summary() {
        return "Shell: list the last check's differences, of one element kind and/or schema.";
    }

    @Override
    public String description() {
        return "KIND is an element kind (tables, columns, ...); SCHEMA keeps objects of that schema. Either may come alone:"
                + "\na word that is not a kind is taken as a schema. 'show OBJECT' then prints one object on both sides.";
    }

    @Override
    public List<Opt> options() {
        return List.of();
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.optional("KIND", "An element kind."), Param.optional("SCHEMA", "A schema name."));
    }

    @Override
    public int run(Args args) {
        LastCheck last = require(session);
        String a = args.param("KIND");
        String b = args.param("SCHEMA");
        ObjectKind kind = a == null ? null : ObjectKind.fromLabel(a).orElse(null);
        String schema = kind == null && a != null ? a : b;
        if (kind == null && b != null) {
            throw new PumException(ErrorCode.USAGE, "unknown element kind \"" + a + "\"",
                    "kinds: " + String.join(" ", java.util.Arrays.stream(ObjectKind.values()).map(ObjectKind::label).toList()));
        }
        List<Difference> kept = last.result().differences().stream()
                .filter(d -> kind == null || d.kind() == kind)
                .filter(d -> schema == null || inSchema(d.object(), schema))
                .toList();
        session.out().print(new TextReport(1, false).render(new DiffResult(kept)));
        return 0;
    }

    static boolean inSchema(String object, String schema) {
        return object.startsWith(schema + ".") || object.startsWith(pum.catalog.Names.quote(schema) + ".");
    }

    static LastCheck require(Session session) {
        LastCheck last = session.lastCheck();
        if (last == null) {
            throw new PumException(ErrorCode.USAGE, "no check has run in this session",
                    "run one first, for example: check -p1 prod -p2 test");
        }
        return last;
    }
}
