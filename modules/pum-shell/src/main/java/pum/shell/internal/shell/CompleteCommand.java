package pum.shell.internal.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import pum.shell.internal.Cli;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/**
 * {@code complete WORD...} (hidden): prints what Tab offers for the last word of a command line,
 * one value a line; the words follow {@code --} (so that options are completed, not parsed). For scripts, shell completion
 * functions and the benchmark, which times it in batch mode.
 */
public final class CompleteCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public CompleteCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "complete";
    }

    @Override
    public String summary() {
        return "Print the completions of the last word of a command line.";
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
    public List<Param> parameters() {
        return List.of(new Param("WORD", "The command line's words; the last one is being completed.", true, true));
    }

    @Override
    public int run(Args args) {
        List<String> words = args.params("WORD");
        List<Candidate> out = new ArrayList<>();
        new ShellCompleter(session, Cli.commands(session)).complete(words, words.size() - 1, out);
        String typed = words.get(words.size() - 1);
        Set<String> values = new LinkedHashSet<>();
        out.stream().map(Candidate::value).filter(v -> v.startsWith(typed)).forEach(values::add);
        values.forEach(session.out()::println);
        return 0;
    }
}
