package pum.shell.internal.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import pum.catalog.Catalog;
import pum.catalog.CatalogOptions;
import pum.catalog.ObjectKind;
import pum.catalog.Snapshot;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.diff.Diff;
import pum.diff.DiffOptions;
import pum.diff.DiffResult;
import pum.diff.JsonReport;
import pum.diff.Reprints;
import pum.diff.TextReport;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.UsageException;

/** {@code pum check -p1 A -p2 B}: tells how two databases' schemas differ (PUM's check). */
public final class CheckCommand implements Command {
    static final Opt FIRST = Opt.value("DB", "First database: service name, postgresql:// URI, key=value conninfo, or 'embedded[/NAME]'.",
            "-p1", "--pg_service1", "--pg-service1").mandatory();
    static final Opt SECOND = Opt.value("DB", "Second database, same forms as -p1.", "-p2", "--pg_service2", "--pg-service2").mandatory();
    static final Opt IGNORE = Opt.many("KIND", "Kinds not to compare: tables columns constraints views sequences indexes triggers"
            + " functions rules schemas types domains extensions policies comments. Adds to ignore_elements of the config file.",
            "-i", "--ignore");
    static final Opt EXCLUDE = Opt.value("SCHEMA", "Leave this schema out (exact name).", "-N", "--exclude-schema").multiple();
    static final Opt PATTERN = Opt.value("LIKE_PATTERN", "Leave out columns whose name matches this SQL LIKE pattern, with their"
            + " comments (PUM's meaning: -P 'usr_%' for user-added fields); indexes and constraints on them are still compared.",
            "-P", "--exclude-field-pattern").multiple();
    static final Opt VALUE_PATTERN = Opt.value("LIKE_PATTERN", "Do not report a changed field (a default, a type, a body...) whose"
            + " value on either side matches this SQL LIKE pattern.", "--ignore-value-pattern").multiple();
    static final Opt LEVEL = Opt.value("0|1|2", "0: counts per kind; 1: one line per difference (default); 2: long values in full.",
            "-v", "--verbose_level", "--verbose-level");
    static final Opt OUTPUT = Opt.value("FILE", "Write the report to this file instead of standard output.",
            "-o", "--output_file", "--output-file");
    static final Opt SILENT = Opt.flag("Print no differences; only the exit code tells.", "-s", "--silent");
    static final Opt FORMAT = Opt.value("text|json", "Report format: text (default) or json (stable, see docs/check.md).", "--format");
    static final Opt FIX = Opt.value("FILE|-", "Also write the SQL that makes the first database match the second to FILE"
            + " ('-': standard output, instead of the report), hazards as comments; with --format json the same statements"
            + " and hazards as JSON. It is never run. See docs/remap.md.", "--fix");
    static final Opt COLUMN_ORDER = Opt.flag("Also report columns whose position in their table differs.", "--column-order");

    private final Session session;

    private String first;
    private String second;
    private int verbosity;
    private Path outputFile;

    /** Made by the composition root. */
    public CheckCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "Compare the schemas of two databases and print the differences (exit 1 if they differ).";
    }

    @Override
    public String description() {
        return """
                Exit code 0 when they are equal, 1 when they differ, 2 and up on errors (see 'pum --help').
                Compared kinds: tables, columns, constraints, views, sequences, indexes, triggers, functions,
                rules (PUM's nine) and schemas, types, domains, extensions, policies, comments. Objects that
                belong to an extension (PostGIS, say) are left out. Stricter than PUM 0.10 (comments, types,
                CHECK texts, sequences): docs/pum-users.md says which -i kinds give PUM's judgement. See
                docs/check.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(FIRST, SECOND, IGNORE, EXCLUDE, PATTERN, VALUE_PATTERN, LEVEL, OUTPUT, SILENT, FORMAT, COLUMN_ORDER, FIX);
    }

    @Override
    public int run(Args args) {
        first = args.get(FIRST.key());
        second = args.get(SECOND.key());
        verbosity = args.integer(LEVEL.key(), 1);
        outputFile = args.path(OUTPUT.key());
        List<String> ignore = args.all(IGNORE.key());
        List<String> excludedSchemas = args.all(EXCLUDE.key());
        List<String> columnPatterns = args.all(PATTERN.key());
        List<String> valuePatterns = args.all(VALUE_PATTERN.key());
        boolean silent = args.has(SILENT.key()) || "-".equals(args.get(FIX.key()));
        String format = args.get(FORMAT.key(), "text");
        boolean columnOrder = args.has(COLUMN_ORDER.key());
        if (verbosity < 0 || verbosity > 2) {
            throw new UsageException("-v takes 0, 1 or 2, not " + verbosity, null);
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("--format takes text or json, not " + format, null);
        }
        CatalogOptions catalogOptions = CatalogOptions.excluding(excludedSchemas);
        // both connections open at once, while the catalog queries load: neither waits for the other
        session.openAhead(first);
        session.openAhead(second);
        Catalog.warmUp(catalogOptions);
        if (args.has(FIX.key())) {
            // the fix script reads the details through jOOQ
            Catalog.warmUp();
        }
        Set<ObjectKind> ignored = EnumSet.noneOf(ObjectKind.class);
        ignored.addAll(kinds(ignore, "-i", ErrorCode.USAGE));
        ignored.addAll(kinds(session.config().ignoreElements(), "ignore_elements in the config file", ErrorCode.CONFIG));

        long start = System.nanoTime();
        Snapshot[] snapshots = read(catalogOptions);
        long read = System.nanoTime();
        DiffResult result = Diff.compare(snapshots[0], snapshots[1], new DiffOptions(ignored, columnPatterns, valuePatterns, columnOrder));
        long diffed = System.nanoTime();
        // texts that differ only in how the server prints them (a dump/restore round trip) are not differences
        result = Reprints.settle(result, snapshots[0], snapshots[1], pairs -> Catalog.sameMeaning(session.connection(second), pairs));
        long compared = System.nanoTime();
        session.keepCheck(new pum.shell.internal.shell.LastCheck(first, second, snapshots[0], snapshots[1], result));
        if (session.verbose()) {
            session.err().printf("pum: check: connected and read %d + %d objects in %d ms, compared in %d ms (the diff %d ms, the server's reprints %d ms)%n",
                    snapshots[0].size(), snapshots[1].size(), (read - start) / 1_000_000, (compared - read) / 1_000_000,
                    (diffed - read) / 1_000_000, (compared - diffed) / 1_000_000);
        }

        if (args.has(FIX.key())) {
            FixScript.write(session, first, second, snapshots[0], snapshots[1], catalogOptions, args.get(FIX.key()), format);
        }
        boolean toFile = outputFile != null;
        if (toFile || !silent) {
            String report = format.equals("json") ? JsonReport.render(result)
                    : header(result) + new TextReport(verbosity, !toFile && colorTerminal()).render(result);
            if (toFile) {
                write(report);
            } else {
                session.out().print(report);
                session.out().flush();
            }
        }
        return result.isEmpty() ? 0 : ErrorCode.DIFFERENCES.exitCode();
    }

    /**
     * Both snapshots. The first database is read on a background thread as soon as it is
     * connected, while the second is connected and read here: the two sides' queries are
     * independent, and the session (not thread-safe) is only touched from this thread.
     */
    private Snapshot[] read(CatalogOptions options) {
        Connection c1 = session.connection(first);
        CompletableFuture<Snapshot> s1 = CompletableFuture.supplyAsync(() -> Catalog.read(c1, options));
        Connection c2;
        Snapshot s2;
        try {
            // the same spec is the same session connection, already busy with the first read
            c2 = second.equals(first) ? c1 : session.connection(second);
            s2 = c2 == c1 ? null : Catalog.read(c2, options);
        } catch (RuntimeException e) {
            // let the first read finish before the session closes its connection
            s1.exceptionally(x -> null).join();
            throw e;
        }
        try {
            Snapshot one = s1.join();
            return new Snapshot[] {one, s2 == null ? one : s2};
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private String header(DiffResult result) {
        if (result.isEmpty() || verbosity == 0) {
            return "";
        }
        return "first:  " + session.resolve(first).describe() + "\nsecond: " + session.resolve(second).describe() + "\n";
    }

    static Set<ObjectKind> kinds(List<String> labels, String where, ErrorCode code) {
        Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
        for (String label : labels == null ? List.<String>of() : labels) {
            for (String part : label.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                kinds.add(ObjectKind.fromLabel(part).orElseThrow(() -> new PumException(code,
                        "unknown element kind '" + part.trim() + "' in " + where,
                        "use one of " + Arrays.stream(ObjectKind.values()).map(ObjectKind::label).collect(Collectors.joining(", ")),
                        null)));
            }
        }
        return kinds;
    }

    private boolean colorTerminal() {
        String term = System.getenv("TERM");
        return session.out() == System.out && System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(term);
    }

    private void write(String report) {
        try {
            Files.writeString(outputFile, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PumException(ErrorCode.USAGE, "cannot write the report to " + outputFile + ": " + e.getMessage(),
                    "check that the directory exists and is writable", e);
        }
    }
}
