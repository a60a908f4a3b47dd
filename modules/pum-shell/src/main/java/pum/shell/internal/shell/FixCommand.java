package pum.shell.internal.shell;

import java.util.ArrayList;
import java.util.List;
import pum.catalog.CatalogOptions;
import pum.catalog.Details;
import pum.core.Secrets;
import pum.ddl.Ddl;
import pum.ddl.DdlStatement;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/**
 * {@code fix OBJECT}: the SQL that would make the object in the first database of the last check
 * match the second, with its hazards; printed, never run (what {@code check --fix} writes, for one
 * object).
 */
public final class FixCommand implements Command {
    private final Session session;

    /** Made by the composition root. */
    public FixCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "fix";
    }

    @Override
    public String summary() {
        return "Shell: print the SQL that reconciles one object of the last check (never runs it).";
    }

    @Override
    public String description() {
        return "OBJECT is a name as check prints it (public.pipe, public.pipe.diameter). The statements are those\n"
                + "'check --fix' would write for it, with their hazards; the whole fix is 'check -p1 A -p2 B --fix -'.";
    }

    @Override
    public List<Opt> options() {
        return List.of();
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.of("OBJECT", "The object's name."));
    }

    @Override
    public int run(Args args) {
        LastCheck last = DiffCommand.require(session);
        String name = args.param("OBJECT");
        Details one = Details.read(session.connection(last.first()), CatalogOptions.defaults());
        Details two = last.second().equals(last.first()) ? one : Details.read(session.connection(last.second()), CatalogOptions.defaults());
        List<DdlStatement> mine = new ArrayList<>();
        for (DdlStatement s : Ddl.fix(last.one(), one, last.two(), two)) {
            if (concerns(s.object(), name)) {
                mine.add(s);
            }
        }
        if (mine.isEmpty()) {
            session.out().println("nothing to fix for " + name + ": the last check's two sides agree on it"
                    + " (or it is not an object 'diff' lists)");
            return 0;
        }
        session.out().print(Ddl.script("pum fix " + name + ": makes it in " + Secrets.mask(last.first()) + " match "
                + Secrets.mask(last.second()) + "; review it, then run it or save it as the next delta", mine));
        return 0;
    }

    /** Whether a statement's object ({@code kind name}) is the object, a part of it, or what holds it. */
    static boolean concerns(String object, String name) {
        int space = object.indexOf(' ');
        String kind = space < 0 ? "" : object.substring(0, space);
        String n = space < 0 ? object : object.substring(space + 1);
        // a column's change may be a statement on its table; a schema's statements are not its tables'
        boolean holder = (kind.equals("tables") || kind.equals("views") || kind.equals("materialized_views")) && name.startsWith(n + ".");
        return n.equals(name) || n.startsWith(name + ".") || n.startsWith(name + "(") || holder;
    }
}
