package pum.shell.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import pum.core.ConnectionResolver;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.core.Secrets;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Help;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Parser;
import pum.shell.internal.cli.UsageException;
import pum.shell.internal.commands.BaselineCommand;
import pum.shell.internal.commands.CheckCommand;
import pum.shell.internal.commands.RemapCommand;
import pum.shell.internal.commands.InfoCommand;
import pum.shell.internal.commands.UpgradeCommand;
import pum.shell.internal.commands.CreateCommand;
import pum.shell.internal.commands.InitCommand;
import pum.shell.internal.commands.RollbackCommand;
import pum.shell.internal.commands.VerifyRollbackCommand;
import pum.shell.internal.commands.StatusCommand;
import pum.shell.internal.commands.DumpCommand;
import pum.shell.internal.commands.ExplainCommand;
import pum.shell.internal.commands.PingCommand;
import pum.shell.internal.commands.RestoreCommand;
import pum.shell.internal.commands.ServerCommand;
import pum.shell.internal.commands.ShellCommand;
import pum.shell.internal.commands.TestAndUpgradeCommand;
import pum.shell.internal.commands.TrainingCommand;
import pum.shell.internal.shell.CompleteCommand;
import pum.shell.internal.shell.ConnectCommand;
import pum.shell.internal.shell.ConnectionsCommand;
import pum.shell.internal.shell.DiffCommand;
import pum.shell.internal.shell.DisconnectCommand;
import pum.shell.internal.shell.FixCommand;
import pum.shell.internal.shell.ShowCommand;
import pum.shell.internal.shell.UseCommand;

/**
 * The composition root: creates the commands for a session, dispatches one command line and
 * maps failures to exit codes. The interactive shell and batch mode call {@link #execute} once
 * per line.
 */
public final class Cli {
    static final Opt CONFIG = Opt.value("FILE", "Read settings from this YAML file (see config-samples/pum.yaml).",
            "-c", "--config_file", "--config-file");
    static final Opt VERSION = Opt.flag("Print the version and exit.", "-v", "--version");
    static final Opt VERBOSE = Opt.flag("Log progress and show stack traces of errors.", "--verbose");
    static final Opt DEBUG = Opt.flag("Log everything, including how connections were resolved and where an upgrade's time goes.", "--debug");
    private static final List<Opt> GLOBALS = List.of(Parser.HELP, VERSION, CONFIG, VERBOSE, DEBUG);

    private static final String DESCRIPTION = """
            pum: PostgreSQL upgrades manager.
            Keeps version metadata in an upgrades table and applies versioned delta files; compares,
            dumps and restores databases; rehearses upgrades on a copy before touching production.

            Databases (-p and friends) are named by a pg_service.conf service, a postgresql:// URI,
            a key=value conninfo string, or 'embedded' (pum's own PostgreSQL server; see 'pum server').""";
    private static final String FOOTER = """
            'pum COMMAND --help' explains a command.
            Exit codes: 0 ok, 1 differences found, 2 usage, 3 config or delta files, 4 connection,
            5 database or SQL error, 6 external tool, 7 lock timeout, 8 aborted, 10 internal error.
            Documentation: the docs/ directory of the pum distribution.""";

    private Cli() {
    }

    /** Every command of a session, in help order. The single place where commands are registered. */
    public static List<Command> commands(Session session) {
        return List.of(
                new PingCommand(session),
                new BaselineCommand(session),
                new InfoCommand(session),
                new UpgradeCommand(session),
                StatusCommand.status(session),
                StatusCommand.lastSuccess(session),
                new InitCommand(session),
                new CreateCommand(session),
                new RollbackCommand(session),
                new VerifyRollbackCommand(session),
                new CheckCommand(session),
                new RemapCommand(session),
                new DumpCommand(session),
                new RestoreCommand(session),
                new TestAndUpgradeCommand(session),
                new ServerCommand(session),
                new ShellCommand(session),
                // the shell's named connections
                new ConnectCommand(session), new ConnectionsCommand(session), new UseCommand(session), new DisconnectCommand(session),
                new DiffCommand(session), new ShowCommand(session), new FixCommand(session), new ExplainCommand(session), new CompleteCommand(session),
                new TrainingCommand(session));
    }

    /** Runs one pum command line in a new session. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream rawErr) {
        configureLogging(args);
        PrintStream err = MaskingPrintStream.wrap(rawErr);
        Set<String> warned = new HashSet<>();
        ConnectionResolver resolver = ConnectionResolver.system(w -> {
            if (warned.add(w)) {
                err.println(Secrets.mask("pum: warning: " + w));
            }
        });
        try (Session session = new Session(in, out, err, resolver)) {
            session.setVerbose(hasFlag(args, "--verbose") || hasFlag(args, "--debug"));
            int code = execute(session, args);
            // a command stopped by SIGINT/SIGTERM exits as the shell expects: 130, 143
            return Signals.exitCode() != 0 ? Signals.exitCode() : code;
        } catch (PumException e) {
            // failures while closing (stopping the embedded server)
            return report(e, err, false);
        }
    }

    /** Runs one command line in an existing session (the shell's and batch mode's path). */
    public static int execute(Session session, String[] args) {
        try {
            return dispatch(session, Arrays.asList(args));
        } catch (PumException e) {
            return report(e, session.err(), session.verbose());
        } catch (RuntimeException e) {
            return report(e, session.err(), session.verbose());
        } catch (OutOfMemoryError e) {
            session.err().println("pum: error: out of memory (" + e.getMessage() + "); nothing more was done");
            session.err().println("pum: hint: give pum more memory with PUM_JAVA_OPTS=-Xmx2g; for upgrades, 'pum info' shows what was applied");
            return ErrorCode.INTERNAL.exitCode();
        } catch (Error e) {
            return report(e, session.err(), session.verbose());
        }
    }

    private static int dispatch(Session session, List<String> args) {
        Path config = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (Parser.HELP.names().contains(a)) {
                session.out().print(Help.program(DESCRIPTION, commands(session), GLOBALS, FOOTER));
                return 0;
            } else if (VERSION.names().contains(a)) {
                session.out().println("pum " + version());
                return 0;
            } else if (CONFIG.names().contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("option " + a + " needs a value (FILE)", null);
                }
                config = Path.of(args.get(++i));
            } else if (a.startsWith("--config_file=") || a.startsWith("--config-file=")) {
                config = Path.of(a.substring(a.indexOf('=') + 1));
            } else if (VERBOSE.names().contains(a) || DEBUG.names().contains(a)) {
                // read by run() before logging starts
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option '" + a + "'", "'pum --help' lists the global options; command options go after the command");
            } else {
                break;
            }
        }
        if (i >= args.size()) {
            session.err().println("usage: pum [GLOBAL OPTIONS] COMMAND [OPTIONS]; 'pum --help' lists the commands");
            return ErrorCode.USAGE.exitCode();
        }
        String name = args.get(i);
        List<String> rest = new ArrayList<>(args.subList(i + 1, args.size()));
        List<Command> all = commands(session);
        if (name.equals("help")) {
            if (rest.isEmpty()) {
                session.out().print(Help.program(DESCRIPTION, all, GLOBALS, FOOTER));
                return 0;
            }
            name = rest.get(0);
            rest = new ArrayList<>(List.of("--help"));
        }
        Command command = find(all, name);
        Args parsed = Parser.parse(command, rest);
        if (parsed == null) {
            session.out().print(Help.of(command));
            return 0;
        }
        session.loadConfig(config);
        try {
            return command.run(parsed);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PumException(ErrorCode.ABORTED, "interrupted");
        } catch (Exception e) {
            throw new PumException(ErrorCode.INTERNAL, "unexpected " + e, null, e);
        }
    }

    private static Command find(List<Command> all, String name) {
        for (Command c : all) {
            if (c.name().equals(name) || c.aliases().contains(name)) {
                return c;
            }
        }
        String best = null;
        for (Command c : all) {
            if (!c.hidden() && (best == null || distance(name, c.name()) < distance(name, best))) {
                best = c.name();
            }
        }
        throw new UsageException("unknown command '" + name + "'",
                (best != null && distance(name, best) <= 3 ? "did you mean '" + best + "'? " : "") + "'pum --help' lists the commands");
    }

    private static int distance(String a, String b) {
        return Parser.distance(a, b);
    }

    /** Whether a command line starts the interactive shell (global options skipped). */
    public static boolean isShell(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (CONFIG.names().contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a.equals("shell");
            }
        }
        return false;
    }

    /**
     * Prints an error the way pum always does, and returns its exit code. Everything printed goes
     * through {@link Secrets#mask}: messages quote what the user typed, connection strings included.
     */
    public static int report(Throwable ex, PrintStream err, boolean verbose) {
        if (ex instanceof PumException p) {
            err.println(Secrets.mask("pum: error: " + p.getMessage()));
            if (p.hint() != null) {
                err.println(Secrets.mask("pum: hint: " + p.hint()));
            }
            if (verbose && p.getCause() != null) {
                printStackTrace(p.getCause(), err);
            } else if (!verbose && p.code() == ErrorCode.INTERNAL) {
                err.println("pum: run again with --verbose for the stack trace");
            }
            return p.code().exitCode();
        }
        err.println(Secrets.mask("pum: internal error: " + ex));
        if (verbose) {
            printStackTrace(ex, err);
        } else {
            err.println("pum: this is a bug in pum; run again with --verbose for the stack trace and report it");
        }
        return ErrorCode.INTERNAL.exitCode();
    }

    /** A stack trace holds the messages of every cause: masked like the rest. */
    private static void printStackTrace(Throwable t, PrintStream err) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        err.print(Secrets.mask(trace.toString()));
    }

    /** Standard error of the process with passwords masked (the log lines of slf4j-simple go there). */
    public static PrintStream maskedStandardError() {
        return MaskingPrintStream.wrap(System.err);
    }

    /** pum's version, from the build. */
    public static String version() {
        return Version.get();
    }

    /**
     * slf4j-simple reads its settings once, when the first logger is made: set them before any
     * pum class that logs is loaded.
     */
    private static void configureLogging(String[] args) {
        String level = hasFlag(args, "--debug") ? "debug" : hasFlag(args, "--verbose") ? "info" : "warn";
        // below it, pum's records are dropped before slf4j is even started
        pum.core.LazyLog.threshold(level.equals("debug") ? pum.core.LazyLog.Level.DEBUG
                : level.equals("info") ? pum.core.LazyLog.Level.INFO : pum.core.LazyLog.Level.WARN);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        // the one provider pum ships, named: slf4j then skips its service-loader search of every
        // module at start-up (and says nothing about it below warnings)
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // the JDBC driver's own log lines never reach the terminal (only --debug, masked): the
        // routing is installed by Database.connect, before the driver's first connection
    }

    private static boolean hasFlag(String[] args, String flag) {
        return Arrays.asList(args).contains(flag);
    }
}
