package pum.shell.internal.shell;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.core.Secrets;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/** {@code connect NAME TARGET}: names a database for the session and makes it the one in use. */
public final class ConnectCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public ConnectCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public String summary() {
        return "Shell: name a database (connect NAME TARGET) and use it for commands without -p.";
    }

    @Override
    public String description() {
        return """
                TARGET is a service name, a postgresql:// URI, a key=value conninfo string or embedded[/DB].
                Afterwards NAME works wherever a command takes a database (-p, -p1, -p2, -pp, ...), and a command
                given no -p uses the connection in use. A name shadows a service of the same name ('connections'
                says so). Connecting again under the same name replaces it.""";
    }

    @Override
    public List<Opt> options() {
        return List.of();
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.of("NAME", "The connection's name."), Param.of("TARGET", "What it connects to."));
    }

    @Override
    public int run(Args args) {
        String name = args.param("NAME");
        String target = args.param("TARGET");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*") || name.equals(Session.EMBEDDED)) {
            throw new PumException(ErrorCode.USAGE, "\"" + Secrets.mask(name) + "\" cannot name a connection",
                    "a name is letters, digits, '_', '.' or '-', starts with a letter, and is not 'embedded'; for example: connect prod "
                            + "postgresql://app@db/prod");
        }
        String before = session.current();
        String old = session.named().get(name);
        session.name(name, target);
        Connection c;
        try {
            c = session.connection(name);
        } catch (RuntimeException e) {
            // an unreachable target leaves the session as it was
            if (old != null) {
                session.name(name, old);
            } else {
                session.disconnect(name);
            }
            if (before != null) {
                session.use(before);
            }
            throw e;
        }
        String version;
        try {
            version = c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            version = "?";
        }
        session.out().println(Secrets.mask("connected " + name + " to " + session.resolve(name).describe() + ", PostgreSQL " + version
                + "; in use"));
        if (!name.equals(target) && ServiceNames.exists(name)) {
            session.out().println("note: the name " + name + " shadows the service " + name + " of pg_service.conf in this session");
        }
        return 0;
    }
}
