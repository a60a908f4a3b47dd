package pum.shell.internal.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import pum.core.ConnectionResolver;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.core.Secrets;
import pum.shell.internal.Cli;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.shell.Foreground;
import pum.shell.internal.shell.ShellCompleter;

/**
 * {@code pum shell}: runs pum commands one line at a time in one session, so connections and the
 * embedded server stay open between commands. On a terminal it is an interactive shell with
 * editing, history and completion; with standard input from a file or pipe it is batch mode.
 */
public final class ShellCommand implements Command {
    static final Opt KEEP_GOING = Opt.flag("Batch mode: run the remaining lines after a failing one (exit code: the last failure).",
            "-k", "--keep-going");

    /** The session's first named connection, in use until 'use' says otherwise. */
    static final Opt DB = Opt.value("DB", "The database commands without -p use: a service, URI, conninfo or embedded[/DB]"
            + " (named after the service, else 'default').", "-p", "--pg_service", "--pg-service");

    private final Session session;

    /** Made by the composition root. */
    public ShellCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public String summary() {
        return "Run commands interactively, or from standard input (batch mode), in one session.";
    }

    @Override
    public String description() {
        return """
                Each line is a pum command without the leading 'pum' (for example: info -p prod -d delta).
                Connections and the embedded server stay open from one command to the next. Quoting works
                as in a POSIX shell; lines starting with # are comments; 'exit' or Ctrl-D ends.

                Interactive (standard input is a terminal): line editing, history (~/.local/state/pum/history,
                or $XDG_STATE_HOME/pum/history; passwords in it are replaced by ***), Tab completion of commands,
                options and values (connection and service names, element kinds, delta versions and files, paths,
                schema and table names of the connection in use). Ctrl-C cancels the line being typed; while a
                command runs, Ctrl-C cancels it (its statement on the server too) and the shell stays.
                Named connections: connect NAME TARGET, connections, use NAME, disconnect NAME; -p DB names the
                first one.
                Batch (standard input is a file or pipe): no prompts; stops at the first failing line with its
                exit code (see --keep-going), naming the line.

                The config file given before 'shell' (pum -c FILE shell) applies to every line.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DB, KEEP_GOING);
    }

    @Override
    public int run(Args args) throws IOException {
        session.keepConfigFile();
        session.setInteractive(true);
        String db = args.get(DB.key());
        if (db != null) {
            boolean service = !ConnectionResolver.isConnectionString(db) && !db.contains("/") && !db.equals(Session.EMBEDDED);
            session.name(service ? db : "default", db);
        }
        if (System.console() != null && session.in() == System.in) {
            return interactive();
        }
        return batch(args.has(KEEP_GOING.key()));
    }

    private int batch(boolean keepGoing) throws IOException {
        DefaultParser parser = new DefaultParser();
        BufferedReader in = new BufferedReader(new InputStreamReader(session.in(), StandardCharsets.UTF_8));
        int last = 0;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            List<String> words = words(parser, line, lineNo);
            if (words.isEmpty()) {
                continue;
            }
            if (isExit(words)) {
                break;
            }
            int rc = Cli.execute(session, words.toArray(String[]::new));
            if (rc != 0) {
                session.err().println(Secrets.mask("pum: batch line " + lineNo + " failed with exit code " + rc + ": " + line.strip()));
                last = rc;
                if (!keepGoing) {
                    return rc;
                }
            }
        }
        return last;
    }

    private int interactive() throws IOException {
        Path history = stateDir().resolve("pum").resolve("history");
        Files.createDirectories(history.getParent());
        List<Command> commands = Cli.commands(session);
        ShellCompleter completer = new ShellCompleter(session, commands);
        Foreground foreground = new Foreground(session);
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("pum")
                    .variable(LineReader.HISTORY_FILE, history)
                    .history(new MaskedHistory(history))
                    .completer(completer)
                    .build();
            // JLine owns SIGINT: while a line is read it cancels the line (and puts this handler
            // back afterwards); while a command runs, Ctrl-C cancels the command, never the shell
            terminal.handle(Terminal.Signal.INT, signal -> foreground.interrupt());
            terminal.writer().println("pum " + Cli.version() + " shell: 'help' lists the commands, 'exit' or Ctrl-D ends");
            int last = 0;
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return last;
                }
                List<String> words;
                try {
                    words = words(new DefaultParser(), line, 0);
                } catch (PumException e) {
                    Cli.report(e, session.err(), session.verbose());
                    continue;
                }
                if (words.isEmpty()) {
                    continue;
                }
                if (isExit(words)) {
                    return last;
                }
                last = foreground.run(words.toArray(String[]::new));
                completer.commandRan();
            }
        }
    }

    /** "pum> ", or "pum NAME> " while a named connection is in use. */
    private String prompt() {
        return session.current() == null ? "pum> " : "pum " + session.current() + "> ";
    }

    /** XDG_STATE_HOME, else $HOME/.local/state (the JVM's user.home ignores $HOME). */
    private static Path stateDir() {
        String xdg = System.getenv("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg);
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".local", "state");
    }

    private static boolean isExit(List<String> words) {
        return words.size() == 1 && (words.get(0).equals("exit") || words.get(0).equals("quit"));
    }

    /** Splits a line like a POSIX shell would (quotes, backslashes); a leading 'pum' is dropped. */
    private static List<String> words(DefaultParser parser, String line, int lineNo) {
        String stripped = line.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) {
            return List.of();
        }
        List<String> words;
        // without it JLine takes an unclosed quote as closed at the end of the line
        parser.setEofOnUnclosedQuote(true);
        try {
            words = new ArrayList<>(parser.parse(stripped, stripped.length(), org.jline.reader.Parser.ParseContext.ACCEPT_LINE).words());
        } catch (org.jline.reader.EOFError e) {
            throw new PumException(ErrorCode.USAGE, (lineNo > 0 ? "line " + lineNo + ": " : "") + "unterminated quote in: "
                    + Secrets.mask(stripped));
        }
        words.removeIf(String::isEmpty);
        if (!words.isEmpty() && words.get(0).equals("pum")) {
            words.remove(0);
        }
        return words;
    }
}
