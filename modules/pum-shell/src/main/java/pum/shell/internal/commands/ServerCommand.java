package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import pum.core.ErrorCode;
import pum.embedded.EmbeddedServer;
import pum.embedded.PostgresBinaries;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;
import pum.shell.internal.cli.UsageException;

/** {@code pum server start|stop|status}: pum's own PostgreSQL server, used with {@code -p embedded}. */
public final class ServerCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public ServerCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "server";
    }

    @Override
    public String summary() {
        return "Start, stop or show pum's embedded PostgreSQL server (connection name 'embedded').";
    }

    @Override
    public String description() {
        return """
                  start   initialise (first time) and start it; it keeps running after pum exits
                  stop    stop it
                  status  say whether it runs, on which port, with which data directory (exit 4 if not)

                Without 'pum server start', '-p embedded' starts the server for one command and stops it
                afterwards. Binaries: embedded_bin_dir in the config file, PUM_PG_BIN, or those bundled in
                the pum image. Data: embedded_data_dir, PUM_EMBEDDED_DIR, or ~/.local/share/pum/embedded-MAJOR.
                Use '-p embedded/NAME' for database NAME (created on first use).""";
    }

    @Override
    public List<Opt> options() {
        return List.of();
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.of("ACTION", "start, stop or status"));
    }

    @Override
    public int run(Args args) {
        String action = args.param("ACTION");
        PostgresBinaries binaries = session.embeddedBinaries();
        Path data = session.embeddedDataDir(binaries);
        Optional<EmbeddedServer> running = EmbeddedServer.attach(binaries, data);
        switch (action) {
            case "start" -> {
                if (running.isPresent()) {
                    session.out().println("embedded PostgreSQL already running on 127.0.0.1:" + running.get().port() + " (data in " + data + ")");
                } else {
                    EmbeddedServer s = EmbeddedServer.start(binaries, data, EmbeddedServer.Mode.PERSISTENT);
                    session.out().println("embedded PostgreSQL " + binaries.version() + " running on 127.0.0.1:" + s.port()
                            + " (data in " + data + "); use -p embedded, stop with 'pum server stop'");
                }
            }
            case "stop" -> {
                if (running.isEmpty()) {
                    session.out().println("embedded PostgreSQL is not running (data in " + data + ")");
                } else {
                    running.get().stop();
                    session.forgetEmbedded();
                    session.out().println("embedded PostgreSQL stopped");
                }
            }
            case "status" -> {
                if (running.isEmpty()) {
                    session.out().println("embedded PostgreSQL " + binaries.version() + ": not running (data in " + data + ")");
                    return ErrorCode.CONNECTION.exitCode();
                }
                session.out().println("embedded PostgreSQL " + binaries.version() + ": running on 127.0.0.1:" + running.get().port()
                        + " (data in " + data + ")");
            }
            default -> throw new UsageException("unknown action '" + action + "' for 'pum server'", "use start, stop or status");
        }
        return 0;
    }
}
