package pum.shell.internal.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.shell.internal.Session;

/** {@code pum baseline -p DB -t TABLE -d DIR -b X.Y.Z}: creates the upgrades table and records a version. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        header = "Create the upgrades table and record the current version.",
        description = {"Create the upgrades table (and its schema) and record the database's current version. "
                + "Refuses when the table already holds rows. The version must be X.Y.Z (three numbers).",
                "See docs/deltas.md."})
public final class BaselineCommand implements Callable<Integer> {
    private final Session session;

    @Mixin
    DeltaOptions delta;

    @Option(names = {"-b", "--baseline"}, required = true, paramLabel = "X.Y.Z", description = "The version the database is at now.")
    String baseline;

    /** Made by the composition root. */
    public BaselineCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Version v = Version.parse(baseline);
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
