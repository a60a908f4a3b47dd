package pum.shell.internal.commands;

import java.util.List;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;

/** {@code pum baseline -p DB -t TABLE -d DIR -b X.Y.Z}: creates the upgrades table and records a version. */
public final class BaselineCommand implements Command {
    static final Opt BASELINE = Opt.value("X.Y.Z", "The version the database is at now.", "-b", "--baseline").mandatory();

    private final Session session;

    /** Made by the composition root. */
    public BaselineCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String summary() {
        return "Create the upgrades table and record the current version.";
    }

    @Override
    public String description() {
        return """
                Creates the upgrades table (and its schema) and records the database's current version.
                Refuses when the table already holds rows. The version must be X.Y.Z (three numbers).
                -d is accepted as with PUM; when given, misnamed delta files are reported. See docs/deltas.md.""";
    }

    @Override
    public List<Opt> options() {
        return DeltaOptions.with(BASELINE);
    }

    @Override
    public int run(Args args) {
        DeltaOptions delta = DeltaOptions.from(args);
        Version v = Version.parse(args.get(BASELINE.key()));
        UpgradesTable table = delta.table(session);
        if (!delta.dirs.isEmpty()) {
            // as PUM, -d is accepted (not needed); when given, misnamed deltas are reported now
            delta.scan(session);
        }
        Upgrader.baseline(session.connection(delta.database), table, v);
        session.out().println("baseline " + v + " recorded in " + table);
        return 0;
    }
}
