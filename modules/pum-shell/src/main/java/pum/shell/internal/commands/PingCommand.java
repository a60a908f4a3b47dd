package pum.shell.internal.commands;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pum.core.ConnectionInfo;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.shell.internal.Session;

/** {@code pum ping -p DB}: connects and prints who and where, and the server version. */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = {"Connect to a database and print the server version.",
                "Use it to check a service definition, a URI or ~/.pgpass before an upgrade."})
public final class PingCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-p", "--pg_service", "--pg-service"}, required = true, paramLabel = "DB",
            description = "Service name, postgresql:// URI, key=value conninfo, or 'embedded'.")
    String database;

    /** Made by the composition root. */
    public PingCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
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
