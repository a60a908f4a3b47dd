package pum.shell.internal.shell;

import java.util.List;
import pum.core.Secrets;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/** {@code use NAME}: the named connection that commands without -p use from now on. */
public final class UseCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public UseCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "use";
    }

    @Override
    public String summary() {
        return "Shell: make a named connection the one commands without -p use.";
    }

    @Override
    public List<Opt> options() {
        return List.of();
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.of("NAME", "A name given with connect."));
    }

    @Override
    public int run(Args args) {
        String name = args.param("NAME");
        session.use(name);
        session.out().println(Secrets.mask("using " + name + " (" + session.named().get(name) + ")"));
        return 0;
    }
}
