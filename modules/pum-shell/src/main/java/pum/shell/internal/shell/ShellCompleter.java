package pum.shell.internal.shell;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import pum.catalog.ObjectKind;
import pum.delta.DeltaFile;
import pum.delta.DeltaSet;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/**
 * Tab completion from real things: command names; a command's options where an option may come;
 * and where a value is expected, values only (never option names): connection and service names
 * for databases, element kinds, delta versions and file names, paths, and schema and table names
 * from the catalog of the connection the line names (its {@code -p}, else the one in use).
 */
public final class ShellCompleter implements Completer {
    private final Session session;
    private final List<Command> commands;
    private final CatalogNames catalog = new CatalogNames();

    /** For one shell session. */
    public ShellCompleter(Session session, List<Command> commands) {
        this.session = session;
        this.commands = commands;
    }

    /** Called after every command: it may have changed the catalog. */
    public void commandRan() {
        catalog.invalidate();
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        complete(line.words(), line.wordIndex(), candidates);
    }

    /** The candidates for word {@code index} of {@code words} (testable without a terminal). */
    public void complete(List<String> words, int index, List<Candidate> out) {
        List<String> ws = new ArrayList<>(words);
        if (!ws.isEmpty() && ws.get(0).equals("pum")) {
            ws.remove(0);
            index--;
        }
        if (index <= 0) {
            for (Command c : commands) {
                if (!c.hidden()) {
                    out.add(new Candidate(c.name(), c.name(), null, c.summary(), null, null, true));
                }
            }
            out.add(new Candidate("help"));
            out.add(new Candidate("exit"));
            return;
        }
        Command cmd = find(ws.get(0));
        if (ws.get(0).equals("help")) {
            commands.stream().filter(c -> !c.hidden()).forEach(c -> out.add(new Candidate(c.name())));
            return;
        }
        if (cmd == null) {
            return;
        }
        Opt in = null;
        int left = 0;
        boolean open = false;
        int positional = 0;
        for (int i = 1; i < index && i < ws.size(); i++) {
            String w = ws.get(i);
            Opt o = w.startsWith("-") ? option(cmd, w) : null;
            if (left > 0) {
                left--;
                open = in.arity() < 0;
            } else if (o != null) {
                in = o;
                left = w.contains("=") ? 0 : o.arity() < 0 ? 1 : o.arity();
                open = false;
            } else if (open) {
                // another value of a one-or-more option
            } else {
                positional++;
                in = null;
            }
        }
        String current = index < ws.size() ? ws.get(index) : "";
        if (left > 0) {
            values(cmd, ws, current, in.label(), in, out);
        } else if (current.startsWith("-")) {
            options(cmd, out);
        } else if (open) {
            values(cmd, ws, current, in.label(), in, out);
            options(cmd, out);
        } else if (positional < cmd.parameters().size()) {
            Param p = cmd.parameters().get(positional);
            values(cmd, ws, current, p.label(), null, out);
        } else {
            options(cmd, out);
        }
    }

    private void options(Command cmd, List<Candidate> out) {
        for (Opt o : cmd.options()) {
            if (!o.hidden()) {
                o.names().stream().filter(n -> n.startsWith("--")).forEach(n -> out.add(new Candidate(n, n, null, o.help(), null, null, true)));
            }
        }
    }

    private void values(Command cmd, List<String> ws, String current, String label, Opt opt, List<Candidate> out) {
        if (label == null) {
            return;
        }
        switch (label) {
            case "DB" -> databases(out, true);
            case "TARGET" -> databases(out, false);
            case "NAME" -> {
                if (!cmd.name().equals("connect")) {
                    session.named().keySet().forEach(n -> out.add(new Candidate(n, n, "connections", session.named().get(n), null, null, true)));
                }
            }
            case "KIND" -> {
                for (ObjectKind k : ObjectKind.values()) {
                    out.add(new Candidate(k.label()));
                }
            }
            case "SCHEMA" -> names(ws, true, out);
            case "TABLE" -> names(ws, false, out);
            case "OBJECT" -> {
                LastCheck last = session.lastCheck();
                if (last != null) {
                    last.result().differences().stream().map(d -> d.object()).distinct()
                            .forEach(o -> out.add(new Candidate(o, o, "differences", null, null, null, true)));
                } else {
                    names(ws, false, out);
                }
            }
            case "X.Y.Z", "VERSION" -> deltas(ws, true, out);
            case "DIR" -> paths(current, out, true);
            case "FILE", "CONFIG" -> {
                if (opt != null && opt.names().contains("--migration")) {
                    deltas(ws, false, out);
                } else {
                    paths(current, out, false);
                }
            }
            default -> {
                if (label.contains("|")) {
                    for (String v : label.split("\\|")) {
                        out.add(new Candidate(v));
                    }
                }
                if (label.equals("ACTION")) {
                    List.of("start", "stop", "status").forEach(v -> out.add(new Candidate(v)));
                }
            }
        }
    }

    private void databases(List<Candidate> out, boolean withNames) {
        Set<String> names = withNames ? session.named().keySet() : Set.of();
        names.forEach(n -> out.add(new Candidate(n, n, "connections", null, null, null, true)));
        for (String s : ServiceNames.all()) {
            if (!names.contains(s)) {
                out.add(new Candidate(s, s, "services", null, null, null, true));
            }
        }
        out.add(new Candidate(Session.EMBEDDED, Session.EMBEDDED, "embedded", "pum's own server", null, null, true));
        out.add(new Candidate(Session.EMBEDDED + "/", Session.EMBEDDED + "/", "embedded", "a database on pum's own server", null, null, false));
    }

    private void names(List<String> ws, boolean schemas, List<Candidate> out) {
        String spec = lineDatabase(ws);
        try {
            String target = session.target(spec);
            Connection c = session.connection(spec);
            CatalogNames.Names n = catalog.of(target, c);
            if (schemas) {
                n.schemas().forEach(s -> out.add(new Candidate(s, s, "schemas", null, null, null, true)));
            } else {
                n.tables().forEach(t -> out.add(new Candidate(t, t, "tables", null, null, null, true)));
                // "schema." first, then its tables: a schema name alone completes to its prefix
                n.schemas().forEach(s -> out.add(new Candidate(s + ".", s + ".", "schemas", null, null, null, false)));
            }
        } catch (RuntimeException | java.sql.SQLException e) {
            // no connection in use, or unreachable: nothing to offer
        }
    }

    /** The database the line being typed names with -p (or -p1 for check), else null (the connection in use). */
    private String lineDatabase(List<String> ws) {
        for (int i = 1; i + 1 < ws.size(); i++) {
            String w = ws.get(i);
            if (w.equals("-p") || w.equals("--pg_service") || w.equals("--pg-service") || w.equals("-p1") || w.equals("-pp")) {
                return ws.get(i + 1);
            }
        }
        return null;
    }

    private void deltas(List<String> ws, boolean versions, List<Candidate> out) {
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i < ws.size(); i++) {
            if (ws.get(i).equals("-d") || ws.get(i).equals("--dir")) {
                for (int j = i + 1; j < ws.size() && !ws.get(j).startsWith("-"); j++) {
                    dirs.add(Path.of(ws.get(j)));
                }
            }
        }
        if (dirs.isEmpty()) {
            dirs.addAll(session.config().deltaDirs());
        }
        if (dirs.isEmpty()) {
            return;
        }
        try {
            DeltaSet set = DeltaSet.scan(dirs, session.config().ignoreFiles());
            Set<String> seen = new LinkedHashSet<>();
            for (DeltaFile f : set.versioned()) {
                seen.add(versions ? f.version().toString() : f.fileName());
            }
            seen.forEach(v -> out.add(new Candidate(v, v, versions ? "versions" : "delta files", null, null, null, true)));
        } catch (RuntimeException e) {
            // unreadable directories: nothing to offer
        }
    }

    private static void paths(String typed, List<Candidate> out, boolean directoriesOnly) {
        int slash = typed.lastIndexOf('/');
        String prefix = slash < 0 ? "" : typed.substring(0, slash + 1);
        Path dir = prefix.isEmpty() ? Path.of(".") : Path.of(prefix.startsWith("~/") ? System.getProperty("user.home") + prefix.substring(1) : prefix);
        list(dir, prefix, directoriesOnly, out);
    }

    private static void list(Path dir, String prefix, boolean directoriesOnly, List<Candidate> out) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                boolean isDir = Files.isDirectory(p);
                if (directoriesOnly && !isDir) {
                    continue;
                }
                String v = prefix + p.getFileName() + (isDir ? "/" : "");
                out.add(new Candidate(v, v, null, null, null, null, !isDir));
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: nothing to offer
        }
    }

    private Command find(String name) {
        for (Command c : commands) {
            if (c.name().equals(name) || c.aliases().contains(name)) {
                return c;
            }
        }
        return null;
    }

    private static Opt option(Command cmd, String word) {
        String w = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        for (Opt o : cmd.options()) {
            if (o.names().contains(w)) {
                return o;
            }
        }
        return null;
    }
}
