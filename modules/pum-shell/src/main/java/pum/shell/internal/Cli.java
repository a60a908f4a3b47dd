package pum.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import pum.core.ConnectionResolver;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.shell.internal.commands.BaselineCommand;
import pum.shell.internal.commands.InfoCommand;
import pum.shell.internal.commands.PingCommand;
import pum.shell.internal.commands.ServerCommand;
import pum.shell.internal.commands.TopCommand;
import pum.shell.internal.commands.UpgradeCommand;

/**
 * The composition root: builds the command tree for a session, runs one command line and maps
 * failures to exit codes. The interactive shell calls {@link #execute} once per line.
 */
public final class Cli {
    private Cli() {
    }

    /** Runs one pum command line in a new session. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        configureLogging(args);
        try (Session session = new Session(in, out, err, ConnectionResolver.system())) {
            session.setVerbose(hasFlag(args, "--verbose") || hasFlag(args, "--debug"));
            return execute(session, args);
        } catch (PumException e) {
            // failures while closing (stopping the embedded server)
            return report(e, err, false);
        }
    }

    /** Runs one command line in an existing session (the shell's and batch mode's path). */
    public static int execute(Session session, String[] args) {
        CommandLine cl = commandLine(session);
        return cl.execute(args);
    }

    /** The command tree, wired to a session. The single place where commands are registered. */
    public static CommandLine commandLine(Session session) {
        CommandLine cl = new CommandLine(new TopCommand(session));
        List<Object> commands = List.of(
                new PingCommand(session),
                new ServerCommand(session),
                new BaselineCommand(session),
                new InfoCommand(session),
                new UpgradeCommand(session));
        for (Object c : commands) {
            cl.addSubcommand(c);
        }
        PrintWriter out = new PrintWriter(session.out(), true);
        PrintWriter err = new PrintWriter(session.err(), true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, session.err(), session.verbose()));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine sub = ex.getCommandLine();
            session.err().println("pum: " + ex.getMessage());
            session.err().println("usage: " + sub.getCommandSpec().qualifiedName() + " --help shows the options");
            return ErrorCode.USAGE.exitCode();
        });
        cl.setExitCodeExceptionMapper(ex -> ex instanceof PumException p ? p.code().exitCode() : ErrorCode.INTERNAL.exitCode());
        return cl;
    }

    /** Prints an error the way pum always does, and returns its exit code. */
    public static int report(Throwable ex, PrintStream err, boolean verbose) {
        if (ex instanceof PumException p) {
            err.println("pum: error: " + p.getMessage());
            if (p.hint() != null) {
                err.println("pum: hint: " + p.hint());
            }
            if (verbose && p.getCause() != null) {
                p.getCause().printStackTrace(err);
            } else if (!verbose && p.code() == ErrorCode.INTERNAL) {
                err.println("pum: run again with --verbose for the stack trace");
            }
            return p.code().exitCode();
        }
        err.println("pum: internal error: " + ex);
        if (verbose) {
            ex.printStackTrace(err);
        } else {
            err.println("pum: this is a bug in pum; run again with --verbose for the stack trace and report it");
        }
        return ErrorCode.INTERNAL.exitCode();
    }

    /** pum's version, from the build. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown version below
        }
        return p.getProperty("version", "unknown");
    }

    /**
     * slf4j-simple reads its settings once, when the first logger is made: set them before any
     * pum class that logs is loaded.
     */
    private static void configureLogging(String[] args) {
        String level = hasFlag(args, "--debug") ? "debug" : hasFlag(args, "--verbose") ? "info" : "warn";
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private static boolean hasFlag(String[] args, String flag) {
        return Arrays.asList(args).contains(flag);
    }
}
