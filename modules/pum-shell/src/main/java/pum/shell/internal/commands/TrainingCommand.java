package pum.shell.internal.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import pum.core.ConnectionResolver;
import pum.core.Database;
import pum.core.PumConfig;
import pum.embedded.EmbeddedServer;
import pum.embedded.PostgresBinaries;
import pum.shell.internal.Cli;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Help;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Parser;

/**
 * Hidden: run once at build time with -XX:ArchiveClassesAtExit so that the classes of the usual
 * paths (option parsing and help of every command, config reading, connecting) land in the
 * class-data-sharing archive of the runtime image. Not meant for users.
 */
public final class TrainingCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public TrainingCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "cds-training";
    }

    @Override
    public String summary() {
        return "Build-time training run for the class-data-sharing archive.";
    }

    @Override
    public boolean hidden() {
        return true;
    }

    @Override
    public List<Opt> options() {
        return List.of();
    }

    @Override
    public int run(Args args) throws Exception {
        for (Command c : Cli.commands(session)) {
            Help.of(c);
            try {
                Parser.parse(c, List.of("--help"));
            } catch (RuntimeException e) {
                // only the parsing code paths matter here
            }
        }
        Path tmp = Files.createTempDirectory("pum-cds");
        try {
            Path yaml = tmp.resolve("pum.yaml");
            Files.writeString(yaml, "upgrades_table: pum_sys.upgrades\ndelta_dir: [deltas]\nignore_elements: [views]\n");
            PumConfig.load(yaml);
            ConnectionResolver.system().resolve("postgresql://u@localhost:5432/db?sslmode=disable");
            ConnectionResolver.system().resolve("host=localhost port=5432 dbname=db user=u");
            var binaries = PostgresBinaries.bundled();
            if (binaries.isPresent()) {
                try (EmbeddedServer pg = EmbeddedServer.start(binaries.get(), tmp.resolve("data"), EmbeddedServer.Mode.EPHEMERAL);
                     Connection c = Database.connect(pg.connectionInfo("postgres"));
                     Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT version()")) {
                    rs.next();
                    session.out().println("trained with " + rs.getString(1));
                }
            }
        } finally {
            try (var s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
