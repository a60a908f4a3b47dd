package pum.shell.internal.shell;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import pum.core.Secrets;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;

/** {@code connections}: the session's named connections, the one in use marked with '*'. */
public final class ConnectionsCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public ConnectionsCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public String summary() {
        return "Shell: list named connections (target, server version, state).";
    }

    @Override
    public List<Opt> options() {
        return List.of();
    }

    @Override
    public int run(Args args) {
        Map<String, String> named = session.named();
        if (named.isEmpty()) {
            session.out().println("no named connections; make one with: connect NAME TARGET");
            return 0;
        }
        for (Map.Entry<String, String> e : named.entrySet()) {
            String name = e.getKey();
            Connection c = session.cached(e.getValue());
            String state;
            String version = "";
            try {
                if (c == null || c.isClosed()) {
                    state = "closed (opened by the next command that uses it)";
                } else if (c.isValid(2)) {
                    state = "open";
                    version = "PostgreSQL " + c.getMetaData().getDatabaseProductVersion();
                } else {
                    state = "lost (reopened by the next command that uses it)";
                }
            } catch (SQLException ex) {
                state = "lost (reopened by the next command that uses it)";
            }
            StringBuilder line = new StringBuilder();
            line.append(name.equals(session.current()) ? "* " : "  ").append(name).append("  ").append(Secrets.mask(e.getValue()));
            if (!version.isEmpty()) {
                line.append("  ").append(version);
            }
            line.append("  ").append(state);
            if (!name.equals(e.getValue()) && ServiceNames.exists(name)) {
                line.append("  (shadows the service ").append(name).append(")");
            }
            session.out().println(line);
        }
        return 0;
    }
}
