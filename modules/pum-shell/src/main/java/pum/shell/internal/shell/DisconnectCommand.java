package pum.shell.internal.shell;

import java.util.List;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/** {@code disconnect NAME}: closes a named connection and forgets the name. */
public final class DisconnectCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public DisconnectCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "disconnect";
    }

    @Override
    public String summary() {
        return "Shell: close a named connection and forget its name.";
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
        boolean wasCurrent = name.equals(session.current());
        session.disconnect(name);
        session.out().println("disconnected " + name + (wasCurrent ? "; no connection in use now" : ""));
        return 0;
    }
}
