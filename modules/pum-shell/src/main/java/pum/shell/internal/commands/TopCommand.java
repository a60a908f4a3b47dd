package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pum.shell.internal.Cli;
import pum.shell.internal.Session;

/** {@code pum}: the top-level options, shared by every command. */
@Command(name = "pum", mixinStandardHelpOptions = false, versionProvider = TopCommand.Version.class,
        description = {"pum: PostgreSQL upgrades manager.",
                "Keeps version metadata in an upgrades table and applies versioned delta files; compares,",
                "dumps and restores databases; rehearses upgrades on a copy before touching production.",
                "",
                "Databases (-p and friends) are named by a pg_service.conf service, a postgresql:// URI,",
                "a key=value conninfo string, or 'embedded' (pum's own PostgreSQL server; see 'pum server')."},
        footer = {"", "Exit codes: 0 ok, 1 differences found, 2 usage, 3 config or delta files, 4 connection,",
                "5 database or SQL error, 6 external tool, 7 lock timeout, 8 aborted, 10 internal error.",
                "Docs: docs/ in the pum distribution."},
        subcommandsRepeatable = false)
public final class TopCommand implements Callable<Integer> {
    private final Session session;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = {"--verbose"}, description = "Log progress and show stack traces of errors.")
    boolean verbose;

    @Option(names = {"--debug"}, description = "Log everything, including how connections were resolved.")
    boolean debug;

    /** Made by the composition root. */
    public TopCommand(Session session) {
        this.session = session;
    }

    /** {@code -c FILE}: the YAML config file, read before the command runs. */
    @Option(names = {"-c", "--config_file", "--config-file"}, paramLabel = "FILE", description = "Read settings from this YAML file (see config-samples/pum.yaml).")
    Path configFile;

    /** The config file given with -c, or null. */
    public Path configFile() {
        return configFile;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(session.out());
        return 0;
    }

    /** Prints pum's version for {@code -v}. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pum " + Cli.version()};
        }
    }
}
