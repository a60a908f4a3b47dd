package pum.shell.internal.commands;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import pum.core.ConnectionInfo;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;

/** {@code pum ping -p DB}: connects and prints who and where, and the server version. */
public final class PingCommand implements Command {
    /** Not mandatory: without it, PGSERVICE names the database, as for psql (checked when resolving). */
    static final Opt DB = Opt.value("DB", "Service name, postgresql:// URI, key=value conninfo, or 'embedded' (default: $PGSERVICE).",
            "-p", "--pg_service", "--pg-service");

    private final Session session;

    /** Made by the composition root. */
    public PingCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String summary() {
        return "Connect to a database and print the server version.";
    }

    @Override
    public String description() {
        return "Use it to check a service definition, a URI or ~/.pgpass before an upgrade.";
    }

    @Override
    public List<Opt> options() {
        return List.of(DB);
    }

    @Override
    public int run(Args args) {
        String database = args.get(DB.key());
        ConnectionInfo info = session.resolve(database);
        Connection c = session.connection(database);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version(), current_database(), current_user")) {
            rs.next();
            session.out().println("connected to " + info.describe());
            session.out().println("database " + rs.getString(2) + " as " + rs.getString(3));
            session.out().println(rs.getString(1));
            return 0;
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, "query failed on " + info.describe() + ": " + e.getMessage(), null, e);
        }
    }
}
