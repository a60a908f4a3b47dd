package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.embedded.EmbeddedServer;
import pum.embedded.PostgresBinaries;
import pum.shell.internal.Session;

/** {@code pum server start|stop|status}: pum's own PostgreSQL server, used with {@code -p embedded}. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Manage pum's embedded PostgreSQL server (connection name 'embedded').",
                "",
                "  start   initialise (first time) and start it; it keeps running after pum exits",
                "  stop    stop it",
                "  status  say whether it runs, on which port, with which data directory",
                "",
                "Without 'pum server start', '-p embedded' starts the server for one command and stops it",
                "afterwards. Binaries: embedded_bin_dir in the config file, PUM_PG_BIN, or those bundled",
                "in the pum image. Data: embedded_data_dir, PUM_EMBEDDED_DIR, or",
                "~/.local/share/pum/embedded-MAJOR. Use '-p embedded/NAME' for database NAME (created on",
                "first use)."})
public final class ServerCommand implements Callable<Integer> {
    /** The sub-actions. */
    enum Action { start, stop, status }

    private final Session session;

    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop or status")
    Action action;

    /** Made by the composition root. */
    public ServerCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        PostgresBinaries binaries = session.embeddedBinaries();
        Path data = session.embeddedDataDir(binaries);
        Optional<EmbeddedServer> running = EmbeddedServer.attach(binaries, data);
        switch (action) {
            case start -> {
                if (running.isPresent()) {
                    session.out().println("embedded PostgreSQL already running on 127.0.0.1:" + running.get().port() + " (data in " + data + ")");
                } else {
                    EmbeddedServer s = EmbeddedServer.start(binaries, data, EmbeddedServer.Mode.PERSISTENT);
                    session.out().println("embedded PostgreSQL " + binaries.version() + " running on 127.0.0.1:" + s.port()
                            + " (data in " + data + "); use -p embedded, stop with 'pum server stop'");
                }
            }
            case stop -> {
                if (running.isEmpty()) {
                    session.out().println("embedded PostgreSQL is not running (data in " + data + ")");
                } else {
                    running.get().stop();
                    session.forgetEmbedded();
                    session.out().println("embedded PostgreSQL stopped");
                }
            }
            case status -> {
                if (running.isEmpty()) {
                    session.out().println("embedded PostgreSQL " + binaries.version() + ": not running (data in " + data + ")");
                    return ErrorCode.CONNECTION.exitCode();
                }
                session.out().println("embedded PostgreSQL " + binaries.version() + ": running on 127.0.0.1:" + running.get().port()
                        + " (data in " + data + ")");
            }
            default -> throw new PumException(ErrorCode.USAGE, "unknown action " + action);
        }
        return 0;
    }
}
